package demo

import (
	"fmt"
	"sort"
	"strings"
)

// writeLACodes writes the performance-tables LA code list: every LA that
// ever existed, grouped by region, each region split into sub-regions "A"
// and "B" with numeric codes, as the published list is.
func (g *generator) writeLACodes() error {
	c, err := g.create("la_and_region_codes_meta.csv", plainLF, headerLACodes)
	if err != nil {
		return err
	}
	for _, reg := range g.w.regions {
		var las []*la
		for _, l := range g.w.las {
			if l.reg == reg {
				las = append(las, l)
			}
		}
		for k, l := range las {
			sub, letter := reg.idx*5+1, "A"
			if k >= (len(las)+1)/2 {
				sub, letter = reg.idx*5+3, "B"
			}
			c.row(itoa(l.code), l.name, itoa(sub), reg.name+" "+letter)
		}
	}
	return g.finish(c)
}

// writeLAChanges writes this project's own LA-changes file, recording the
// demo merger: each predecessor maps to the successor from 1 April.
func (g *generator) writeLAChanges() error {
	c, err := g.create("la_changes.csv", plainLF, headerLAChanges)
	if err != nil {
		return err
	}
	m := g.w.merger
	note := fmt.Sprintf("%s and %s merged into %s; figures from %d (calendar), %s (academic) and January %d (census) are published under the new LA",
		m.old[0].name, m.old[1].name, m.succ.name, mergerCalendarYear, g.w.cal.slash(m.year), g.w.cal.census(m.year))
	for _, l := range m.old {
		c.row(itoa(l.code), l.name, itoa(m.succ.code), m.succ.name, fmt.Sprintf("%d-04-01", mergerCalendarYear), note)
	}
	return g.finish(c)
}

// writeLAEstabLookup writes the DfE laestab-to-URN lookup: one row per
// school and LA-establishment number, with the last academic year it was
// used (schools in the merged LAs get a row for each number). Names of
// schools last seen before 2021 are in capitals, as the older rows are.
func (g *generator) writeLAEstabLookup() error {
	c, err := g.create("laestab_urn_lookup.csv", plainLF, headerLAEstabLookup)
	if err != nil {
		return err
	}
	type entry struct {
		la, laestab, last int
		s                 *school
	}
	var rows []entry
	for _, s := range g.w.schools {
		for i := s.open; i < s.close; i++ {
			l := g.w.laOf(s, i)
			e := entry{l.code, l.code*10000 + s.estab, i, s}
			if n := len(rows); n > 0 && rows[n-1].s == s && rows[n-1].laestab == e.laestab {
				rows[n-1].last = i
			} else {
				rows = append(rows, e)
			}
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].laestab < rows[b].laestab })
	for _, e := range rows {
		name := e.s.name
		if g.w.cal.calendar(e.last) < 2020 {
			name = strings.ToUpper(name)
		}
		c.row(g.w.cal.academic(e.last), itoa(e.la), itoa(e.laestab), name, itoa(e.s.urn))
	}
	return g.finish(c)
}
