package demo

import "sort"

// writeSchoolFiles makes one pass per year over every school: it computes
// the year's figures, writes the per-year performance-tables files, appends
// the year to the exclusions file and adds the year to the LA totals. Only
// one year of school figures is held at a time.
func (g *generator) writeSchoolFiles() error {
	w := g.w
	ex, err := g.create("exclusions_by_geographic_level.csv", plainCRLF, headerExclusionsGeo)
	if err != nil {
		return err
	}
	years := make([]schoolYear, 0, len(w.schools))
	for i := 0; i < w.size.years; i++ {
		years = years[:0]
		for k, s := range w.schools {
			if s.openIn(i) {
				years = append(years, w.schoolYear(s, i))
				g.trackYear(k, &years[len(years)-1], i)
			}
		}
		for k := range years {
			g.agg[years[k].la.idx][i].addSchool(&years[k])
		}
		if err := g.writeYear(ex, years, i); err != nil {
			return err
		}
	}
	return g.finish(ex)
}

// writeYear writes every per-year file for year i, then the year's rows of
// the exclusions file. Each file gets the school-years in its own order.
func (g *generator) writeYear(ex *csvFile, years []schoolYear, i int) error {
	byURN := make([]*schoolYear, len(years))
	for k := range years {
		byURN[k] = &years[k]
	}
	if err := g.writeCensus(byURN, i); err != nil {
		return err
	}
	byLA := sortedYears(byURN, func(a, b *schoolYear) bool { return a.s.estab < b.s.estab })
	if err := g.writeAbsence(byLA, i); err != nil {
		return err
	}
	if i == g.w.size.years-1 {
		if err := g.writeDestinations(byLA, i); err != nil {
			return err
		}
	}
	g.writeExclusionsYear(ex, byLA, i)
	byName := sortedYears(byURN, func(a, b *schoolYear) bool { return a.s.sortName < b.s.sortName })
	return g.writeKS4(byName, i)
}

// sortedYears copies ys sorted by LA code, then by less.
func sortedYears(ys []*schoolYear, less func(a, b *schoolYear) bool) []*schoolYear {
	out := append([]*schoolYear(nil), ys...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].la.code != out[b].la.code {
			return out[a].la.code < out[b].la.code
		}
		return less(out[a], out[b])
	})
	return out
}

// laestab is the seven-digit LA and establishment number.
func laestab(y *schoolYear) string { return itoa(y.la.code*10000 + y.s.estab) }

// trackYear records a school's SEND share and roll in the last four years.
func (g *generator) trackYear(k int, y *schoolYear, i int) {
	j := i - (g.w.size.years - 4)
	if j < 0 || y.nor == 0 {
		return
	}
	t := &g.track[k]
	t.share[j] = float64(y.ehc+y.sup) / float64(y.nor)
	t.nor[j] = y.nor
	t.seen[j] = !y.s.naRoll
}
