package demo

// sen2Prefix is the time and geography columns of the SEN2 files (which put
// new_la_code before old_la_code).
func (g *generator) sen2Prefix(period, ident, level string, reg *region, l *la) []string {
	cells := []string{period, ident, level, "E92000001", "England"}
	switch {
	case reg == nil:
		return append(cells, "", "", "", "", "")
	case l == nil:
		return append(cells, reg.code, reg.name, "", "", "")
	}
	return append(cells, reg.code, reg.name, l.newCode, itoa(l.code), l.name)
}

// area is one row's geography: national (reg nil), regional (l nil) or LA.
type area struct {
	level string
	reg   *region
	l     *la
	las   []*la // LAs summed for this row
}

// areas lists the rows of one year: England, each region, each LA.
func (g *generator) areas(i int) []area {
	out := []area{{level: "National", las: g.w.current(i)}}
	for _, reg := range g.w.regions {
		out = append(out, area{level: "Regional", reg: reg, las: g.w.inRegion(reg, i)})
	}
	for _, l := range g.w.current(i) {
		out = append(out, area{level: "Local authority", reg: l.reg, l: l, las: []*la{l}})
	}
	return out
}

// caseloadCells formats the 48 value columns, inserting the totals and
// percentages and the "x" markers of the year.
func caseloadCells(c caseload, cy int) []string {
	plans := total(c)
	var out []string
	num := func(j int) {
		if caseMarked(cy, j) {
			out = append(out, "x")
		} else {
			out = append(out, itoa(c[j]))
		}
	}
	tot := func(from, to int, withPct bool) {
		n := 0
		for j := from; j <= to; j++ {
			num(j)
			n += c[j]
		}
		out = append(out, itoa(n))
		if withPct {
			out = append(out, short(pctOf(n, plans), 1))
		}
	}
	out = append(out, itoa(plans))
	tot(cMainLA, cMainIndep, true)
	tot(cSpecLA, cSpecNM, true)
	tot(cAPAcademy, cAPLA, true)
	tot(cFEGeneral, cUKRLP, true)
	tot(cEHE, cNEETCSA, true)
	for _, j := range []int{cEarlyYears, cUnknown} {
		num(j)
		if caseMarked(cy, j) {
			out = append(out, "x")
		} else {
			out = append(out, short(pctOf(c[j], plans), 1))
		}
	}
	num(cAwait)
	num(cPermEx)
	return out
}

// writeCaseload writes the SEN2 caseload file: every January, England,
// regions and LAs, "All EHC plans" rows, and rows by sex in the last two
// years (as the 2025 release breaks later years down).
func (g *generator) writeCaseload() error {
	c, err := g.create("sen2_caseload.csv", bomCRLF, headerCaseload)
	if err != nil {
		return err
	}
	cal := g.w.cal
	for i := 0; i < cal.n; i++ {
		cy := cal.census(i)
		for _, a := range g.areas(i) {
			var cl caseload
			for _, l := range a.las {
				for j, v := range g.series[l.idx][i].cl {
					cl[j] += v
				}
			}
			prefix := g.sen2Prefix(cal.academic(i), "Academic year", a.level, a.reg, a.l)
			c.row(join(prefix, []string{"All EHC plans", "All EHC plans"}, caseloadCells(cl, cy))...)
			if i >= cal.n-2 {
				male, female := splitSex(cl)
				c.row(join(prefix, []string{"Sex", "Female"}, caseloadCells(female, cy))...)
				c.row(join(prefix, []string{"Sex", "Male"}, caseloadCells(male, cy))...)
			}
		}
	}
	return g.finish(c)
}

// splitSex divides counts about 72:28 between boys and girls.
func splitSex(c caseload) (male, female caseload) {
	for j, v := range c {
		male[j] = iround(float64(v) * 0.72)
		female[j] = v - male[j]
	}
	return male, female
}
