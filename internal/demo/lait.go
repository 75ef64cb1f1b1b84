package demo

import (
	"sort"
	"strings"
)

// laitIndicator is one LAIT series: its code, label, year label and the
// value of an area (a set of LAs) in year i, ok false when not published.
type laitIndicator struct {
	code, label string
	year        func(i int) string
	value       func(las []*la, i int) (v float64, ok bool)
	unrounded   bool // regions and England carry full float precision
}

// laitIndicators are the LAIT series the demo publishes, consistent with
// the census, SEN2, tribunal and exclusions files.
func (g *generator) laitIndicators() []laitIndicator {
	cal := g.w.cal
	census := func(i int) string { return itoa(cal.census(i)) }
	calYear := func(i int) string { return itoa(cal.calendar(i)) }
	return []laitIndicator{
		{"SEN_TotStat", "TOTAL % OF PUPILS WITH STATEMENTS OF (SEN) OR  (EHC) PLANS", census,
			g.laitCensus(func(a *laYear) int { return a.ehc }), false},
		{"SEN_TotSENSuP", "TOTAL % OF PUPILS WITH SPECIAL EDUCATIONAL NEEDS (SEN) SUPPORT", census,
			g.laitCensus(func(a *laYear) int { return a.sup }), false},
		{"SEN_EHC_All_20wks", "Proportion of all new  EHC plans issued within 20 weeks", calYear,
			g.laitTimely, false},
		{"SEN_AppealableDec", "Appeal (Percent) rate to the SEND Tribunal based on total appealable decisions", calYear,
			g.laitAppeal, true},
		{"TotFixedEx", "% Total Fixed period exclusions", cal.slash, g.laitSusp, true},
	}
}

func (g *generator) laitCensus(num func(*laYear) int) func([]*la, int) (float64, bool) {
	return func(las []*la, i int) (float64, bool) {
		t := g.sumOver(las, i)
		return round(pctOf(num(&t), t.nor), 1), t.nor > 0
	}
}

func (g *generator) laitTimely(las []*la, i int) (float64, bool) {
	var t timely
	for _, l := range las {
		if s := &g.series[l.idx][i]; !s.missing {
			t.add(s)
		}
	}
	return round(pctOf(t.within, t.den), 1), t.den > 0
}

func (g *generator) laitAppeal(las []*la, i int) (float64, bool) {
	app, dec := 0, 0
	for _, l := range las {
		app += g.series[l.idx][i].appeals
		dec += g.series[l.idx][i].decisions
	}
	return pctOf(app, dec), dec > 0
}

func (g *generator) laitSusp(las []*la, i int) (float64, bool) {
	t := g.sumOver(las, i)
	e := t.total(tTotal)
	return round(pctOf(e.susp, e.hc), 5), e.hc > 0
}

// writeLAIT writes the LAIT long file: for each indicator and year, every
// LA that ever existed (by name; "-" when it did not report), then England
// (970) and the regions (980 up, Region "NA"). The label is given on the
// first year only, as LAIT does.
func (g *generator) writeLAIT() error {
	c, err := g.create("lait_sen_inclusion_long.csv", plainLF, headerLAIT)
	if err != nil {
		return err
	}
	las := append([]*la(nil), g.w.las...)
	sort.SliceStable(las, func(a, b int) bool { return strings.ToLower(las[a].name) < strings.ToLower(las[b].name) })
	for _, ind := range g.laitIndicators() {
		for i := 0; i < g.w.cal.n; i++ {
			label := ""
			if i == 0 {
				label = ind.label
			}
			row := func(area string, v string, number int, reg string) {
				c.row(ind.code, label, ind.year(i), area, v, itoa(number), reg)
			}
			for _, l := range las {
				row(l.name, g.laitValue(ind, []*la{l}, i, l.exists(i), false, l.code), l.code, l.reg.name)
			}
			row("England", g.laitValue(ind, g.w.current(i), i, true, ind.unrounded, 0), 970, "NA")
			for _, reg := range g.w.regions {
				row(laitRegionName(reg), g.laitValue(ind, g.w.inRegion(reg, i), i, true, ind.unrounded, 0), reg.lait, "NA")
			}
		}
	}
	return g.finish(c)
}

// laitValue formats a value: "-" when not published; otherwise the
// shortest form, except that some LA values (and all unrounded ones) show
// the 17-digit float artefacts stored upstream.
func (g *generator) laitValue(ind laitIndicator, las []*la, i int, exists, unrounded bool, key int) string {
	v, ok := ind.value(las, i)
	if !exists || !ok {
		return "-"
	}
	if unrounded || ind.code == "TotFixedEx" {
		return float17(v)
	}
	if v = round(v, 1); key > 0 && (key+i)%7 == 0 {
		return float17(v)
	}
	return short(v, 1)
}

// laitRegionName writes "the" in lower case in region names, as LAIT does
// ("Yorkshire and the Humber" where EES has "Yorkshire and The Humber").
func laitRegionName(reg *region) string { return strings.ReplaceAll(reg.name, " The ", " the ") }
