package demo

import "math"

// ks4Sum accumulates KS4 measures weighted by pupils for LA and national rows.
type ks4Sum struct {
	tpup, p8pup, tp8adj        int
	att8, p8, p8orig           float64 // pupil-weighted sums
	l2b94, l2b95, ebaccaps     float64
	ebaccEntry, eb94, eb95, em float64
}

func (t *ks4Sum) add(k *ks4Year) {
	n, m := float64(k.tpup), float64(k.p8pup)
	t.tpup += k.tpup
	t.p8pup += k.p8pup
	t.tp8adj += k.tp8adj
	t.att8 += k.att8 * n
	t.p8 += k.p8 * m
	t.p8orig += k.p8orig * m
	t.l2b94 += k.l2b94 * n
	t.l2b95 += k.l2b95 * n
	t.ebaccaps += k.ebaccaps * n
	t.ebaccEntry += k.ebaccEntry * n
	t.eb94 += k.eb94 * n
	t.eb95 += k.eb95 * n
	t.em += k.em94 * n
}

// mean turns the sums back into a ks4Year of averages.
func (t *ks4Sum) mean() ks4Year {
	n, m := float64(max(1, t.tpup)), float64(max(1, t.p8pup))
	return ks4Year{tpup: t.tpup, p8pup: t.p8pup, tp8adj: t.tp8adj,
		att8: t.att8 / n, p8: t.p8 / m, p8orig: t.p8orig / m, half: 1.96 * 1.25 / math.Sqrt(m),
		l2b94: t.l2b94 / n, l2b95: t.l2b95 / n, ebaccaps: t.ebaccaps / n,
		ebaccEntry: t.ebaccEntry / n, eb94: t.eb94 / n, eb95: t.eb95 / n, em94: t.em / n}
}

// ks4Cells formats the 18 measure columns from TPUP to P8_BANDING.
func ks4Cells(k *ks4Year, banding string) []string {
	p8 := []string{short(k.p8, 2), short(k.p8-k.half, 2), short(k.p8+k.half, 2),
		short(k.p8orig, 2), short(k.p8orig-k.half, 2), short(k.p8orig+k.half, 2)}
	return append(append([]string{itoa(k.tpup), short(k.att8, 1), itoa(k.p8pup), itoa(k.tp8adj)}, p8...),
		pct1(k.l2b94), pct1(k.l2b95), short(k.ebaccaps, 2), pct1(k.ebaccEntry),
		pct1(k.eb94), pct1(k.eb95), pct1(k.em94), banding)
}

// schoolKS4Cells applies the markers a school row can carry.
func schoolKS4Cells(y *schoolYear) []string {
	k := &y.ks4
	fill := func(first, marker string, last string) []string {
		cells := []string{first}
		for j := 0; j < 16; j++ {
			cells = append(cells, marker)
		}
		return append(cells, last)
	}
	switch k.state {
	case ks4Blank:
		return fill("", "", "")
	case ks4NA:
		return fill("NA", "NA", "NA")
	case ks4Supp:
		return fill(itoa(k.tpup), "SUPP", "")
	case ks4NE:
		return fill(itoa(k.tpup), "NE", "")
	}
	banding := itoa(k.band())
	if y.s.kind == kSpecial || k.state == ks4LowCov {
		banding = ""
	} else if y.s.nftype == "UTC" || y.s.nftype == "SS" {
		banding = "SUPP"
	}
	cells := ks4Cells(k, banding)
	if k.state == ks4LowCov {
		for j := 3; j < 10; j++ {
			cells[j] = "LOWCOV"
		}
	}
	return cells
}

// ks4RecType is 1 for mainstream and 2 for special schools.
func ks4RecType(s *school) string {
	if s.kind == kSpecial || s.kind == kNMSS || s.nftype == "INDSPEC" {
		return "2"
	}
	return "1"
}

// writeKS4 writes the KS4 file of year i: each LA's schools by name, then
// the LA row (RECTYPE 4); then England all schools (5) and state-funded (7).
// years come sorted by LA and school name.
func (g *generator) writeKS4(years []*schoolYear, i int) error {
	name := "england_ks4provisional_" + g.w.cal.dash(i) + "_performance_tables_school_level.csv"
	c, err := g.create(name, bomLF, headerKS4)
	if err != nil {
		return err
	}
	var la, state, all ks4Sum
	for k := range years {
		y := years[k]
		if y.s.ks4 {
			c.row(append([]string{ks4RecType(y.s), itoa(y.la.code), itoa(y.s.estab), itoa(y.s.urn),
				y.s.name, "0", y.s.nftype}, schoolKS4Cells(y)...)...)
			addKS4(&la, &state, &all, &y.ks4)
		}
		if k == len(years)-1 || years[k+1].la.code != y.la.code {
			c.row(append([]string{"4", itoa(y.la.code), "", "", "", "", ""}, laKS4Cells(&la)...)...)
			la = ks4Sum{}
		}
	}
	g.nationalKS4(c, &state, &all)
	return g.finish(c)
}

// laKS4Cells formats an LA row, all blank when the LA has no state-funded
// KS4 pupils (as the City of London row is).
func laKS4Cells(t *ks4Sum) []string {
	if t.tpup == 0 {
		return make([]string, 18)
	}
	m := t.mean()
	return ks4Cells(&m, itoa(m.band()))
}

// addKS4 adds a school to the LA, state-funded and all-schools sums.
func addKS4(la, state, all *ks4Sum, k *ks4Year) {
	switch k.state {
	case ks4Values, ks4LowCov:
		la.add(k)
		state.add(k)
		all.add(k)
	case ks4NA:
		hidden := ks4Year{tpup: k.hiddenPup, att8: k.hiddenAtt8, l2b94: 75, l2b95: 60, ebaccaps: 5.2, em94: 72}
		all.add(&hidden)
	}
}

// nationalKS4 writes RECTYPE 5 (all schools, no Progress 8) and 7
// (state-funded, Progress 8 without intervals).
func (g *generator) nationalKS4(c *csvFile, state, all *ks4Sum) {
	blank := []string{"", "", "", "", "", ""}
	m := all.mean()
	cells := ks4Cells(&m, "")
	for _, j := range []int{2, 3, 4, 5, 6, 7, 8, 9} {
		cells[j] = ""
	}
	c.row(append(append([]string{"5"}, blank...), cells...)...)
	m = state.mean()
	cells = ks4Cells(&m, "")
	for _, j := range []int{5, 6, 8, 9} {
		cells[j] = ""
	}
	c.row(append(append([]string{"7"}, blank...), cells...)...)
}
