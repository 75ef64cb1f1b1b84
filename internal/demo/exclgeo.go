package demo

// academyType maps NFTYPE to the academy_type labels of the exclusions file
// ("Total" for LA-maintained schools).
func academyType(nftype string) string {
	switch nftype {
	case "ACC":
		return "Converter academy"
	case "AC":
		return "Sponsored academy"
	case "F":
		return "Free school"
	case "UTC":
		return "UTC"
	case "SS":
		return "Studio school"
	case "ACCS":
		return "Special converter academy"
	case "ACS":
		return "Special sponsor led academy"
	case "FS":
		return "Special free school"
	}
	return "Total"
}

// exclCells formats headcount and the three counts with their rates. When
// suppress is set, counts of 1 or 2 and their rates become "x"; with no
// pupils the rates are "." (not applicable).
func exclCells(e exclSum, suppress bool) []string {
	cells := []string{itoa(e.hc)}
	for _, n := range []int{e.perm, e.susp, e.onePlus} {
		rate := short(pctOf(n, e.hc), 2)
		if e.hc == 0 {
			rate = "."
		}
		if suppress && n > 0 && n < 3 {
			cells = append(cells, "x", "x")
			continue
		}
		cells = append(cells, itoa(n), rate)
	}
	return cells
}

// geoPrefix is the time and geography columns up to la_name.
func (g *generator) geoPrefix(i int, level string, reg *region, l *la) []string {
	cells := []string{"Academic year", g.w.cal.academic(i), level, "E92000001", "England"}
	if reg == nil {
		return append(cells, "", "", "", "", "")
	}
	cells = append(cells, reg.code, reg.name)
	if l == nil {
		return append(cells, "", "", "")
	}
	return append(cells, itoa(l.code), l.newCode, l.name)
}

// writeExclusionsYear appends year i: school rows, then LA, regional and
// national rows (each a Total row and one per school type).
func (g *generator) writeExclusionsYear(c *csvFile, years []*schoolYear, i int) {
	for k := range years {
		y := years[k]
		t := exclType(y.s.kind)
		if t < 0 {
			continue
		}
		open := y.s.academyOpen
		if academyType(y.s.nftype) == "Total" {
			open = "Total"
		}
		var e exclSum
		for grp := gNone; grp <= gEHC; grp++ {
			e.add(exclSum{hc: y.exclHC(grp), perm: y.perm[grp], susp: y.susp[grp], onePlus: y.onePlus[grp]})
		}
		cells := append(g.geoPrefix(i, "School", y.la.reg, y.la), itoa(y.s.estab), laestab(y),
			academyType(y.s.nftype), open, exclTypeLabel[t], "1")
		c.row(append(cells, exclCells(e, true)...)...)
	}
	for _, l := range g.w.current(i) {
		g.exclAreaRows(c, g.geoPrefix(i, "Local authority", l.reg, l), &g.agg[l.idx][i], true)
	}
	for _, reg := range g.w.regions {
		t := g.sumOver(g.w.inRegion(reg, i), i)
		g.exclAreaRows(c, g.geoPrefix(i, "Regional", reg, nil), &t, false)
	}
	t := g.sumOver(g.w.current(i), i)
	g.exclAreaRows(c, g.geoPrefix(i, "National", nil, nil), &t, false)
}

// exclAreaRows writes the Total and per-type rows of one area.
func (g *generator) exclAreaRows(c *csvFile, prefix []string, a *laYear, suppress bool) {
	for t := tTotal; t < nExclTypes; t++ {
		cells := append(append([]string{}, prefix...), "", "", "Total", "Total", exclTypeLabel[t], itoa(a.schools[t]))
		c.row(append(cells, exclCells(a.total(t), suppress)...)...)
	}
}
