package demo

// timely is the timeliness counts of one row.
type timely struct{ den, denEx, within, withinX int }

func (t *timely) add(s *laSeries) {
	t.den += s.den
	t.denEx += s.denEx
	t.within += s.within
	t.withinX += s.withinX
}

// timelyCells formats the 14 value columns. The split of late plans (over
// 20 weeks but under a year, over a year) is published from 2023 only.
func timelyCells(t timely, calYear int) []string {
	cells := []string{itoa(t.den), itoa(t.denEx), itoa(t.within), itoa(t.withinX),
		short(pctOf(t.within, t.den), 1), short(pctOf(t.withinX, t.denEx), 1)}
	if calYear < 2023 {
		return append(cells, "x", "x", "x", "x", "x", "x", "x", "x")
	}
	late, lateX := t.den-t.within, t.denEx-t.withinX
	year, yearX := iround(float64(late)*0.12), iround(float64(lateX)*0.12)
	return append(cells, itoa(late-year), itoa(lateX-yearX),
		short(pctOf(late-year, t.den), 1), short(pctOf(lateX-yearX, t.denEx), 1),
		itoa(year), itoa(yearX), short(pctOf(year, t.den), 1), short(pctOf(yearX, t.denEx), 1))
}

// xCells is a row with no return: every value "x".
func xCells(n int) []string {
	cells := make([]string, n)
	for j := range cells {
		cells[j] = "x"
	}
	return cells
}

// writeTimeliness writes the SEN2 20-week timeliness file: every calendar
// year, England, regions and LAs, "All EHC plans issued" rows, and rows by
// sex from 2023. An LA without a return has "x" throughout and is left out
// of the regional and national sums.
func (g *generator) writeTimeliness() error {
	c, err := g.create("sen2_timeliness_20_week.csv", bomCRLF, headerTimeliness)
	if err != nil {
		return err
	}
	cal := g.w.cal
	for i := 0; i < cal.n; i++ {
		year := cal.calendar(i)
		for _, a := range g.areas(i) {
			var t timely
			missing := false
			for _, l := range a.las {
				s := &g.series[l.idx][i]
				missing = s.missing
				if !s.missing {
					t.add(s)
				}
			}
			prefix := g.sen2Prefix(itoa(year), "Calendar year", a.level, a.reg, a.l)
			cells := timelyCells(t, year)
			if a.l != nil && missing {
				cells = xCells(len(cells))
			}
			c.row(join(prefix, []string{"All EHC plans issued", "All EHC plans issued"}, cells)...)
			if year >= 2023 {
				male := timely{iround(float64(t.den) * 0.7), iround(float64(t.denEx) * 0.7),
					iround(float64(t.within) * 0.7), iround(float64(t.withinX) * 0.7)}
				female := timely{t.den - male.den, t.denEx - male.denEx, t.within - male.within, t.withinX - male.withinX}
				c.row(join(prefix, []string{"Sex", "Female"}, timelyCells(female, year))...)
				c.row(join(prefix, []string{"Sex", "Male"}, timelyCells(male, year))...)
			}
		}
	}
	return g.finish(c)
}
