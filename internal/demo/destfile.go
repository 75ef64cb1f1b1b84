package demo

// destPct prints a destination share: a whole percentage, or "SP" when the
// count is not zero but rounds to 0%.
func destPct(n, c int) string {
	p := pctOf(n, c)
	if n > 0 && p < 0.5 {
		return "SP"
	}
	return pct0(p)
}

// blockCells formats one block: 11 counts, then 10 percentages. A block
// marked small is all SUPP; pair suppression hides sixth-form college and
// other education counts of 1 or 2 in the split blocks.
func blockCells(b destBlock, allSupp, keepCohort, pairSupp bool) []string {
	cells := make([]string, 21)
	for j := 0; j < 11; j++ {
		cells[j] = itoa(b[j])
	}
	for j := 1; j < 11; j++ {
		cells[10+j] = destPct(b[j], b[0])
	}
	if allSupp {
		for j := range cells {
			cells[j] = "SUPP"
		}
		if keepCohort {
			cells[0] = itoa(b[0])
		}
		return cells
	}
	if pairSupp && ((b[7] > 0 && b[7] < 3) || (b[8] > 0 && b[8] < 3)) {
		for _, j := range []int{7, 8, 17, 18} {
			cells[j] = "SUPP"
		}
	}
	return cells
}

// destCells formats the 75 value columns of a row.
func destCells(d *destRow, school bool) []string {
	splitSmall := school && (d.blocks[1][0] < 6 || d.blocks[2][0] < 6)
	cells := blockCells(d.blocks[0], school && d.tooSmall, true, false)
	cells = append(cells, blockCells(d.blocks[1], splitSmall || (school && d.tooSmall), false, school)...)
	cells = append(cells, blockCells(d.blocks[2], splitSmall || (school && d.tooSmall), false, school)...)
	for p := 0; p < 2; p++ {
		for b := 0; b < 3; b++ {
			n := d.prevPup[p][b]
			switch {
			case d.prevNA[p]:
				cells = append(cells, "NA", "NA")
			case school && n < 6:
				cells = append(cells, itoaOrSupp(n, b), "SUPP")
			default:
				cells = append(cells, itoa(n), pct0(d.prevPct[p][b]/float64(max(1, n))))
			}
		}
	}
	return cells
}

// itoaOrSupp shows a small earlier cohort for all pupils but hides the
// disadvantaged split.
func itoaOrSupp(n, block int) string {
	if block == 0 {
		return itoa(n)
	}
	return "SUPP"
}

// writeDestinations writes the KS4 destinations file for year i: state-
// funded mainstream and special schools by LA and establishment, an LA row
// after each LA and a national row at the end.
func (g *generator) writeDestinations(years []*schoolYear, i int) error {
	name := "england_ks4-pupdest_" + g.w.cal.dash(i) + "_performance_tables_school_level.csv"
	c, err := g.create(name, bomLF, headerDestinations)
	if err != nil {
		return err
	}
	var la, nat destRow
	for k := range years {
		y := years[k]
		if inDestinations(y) {
			d := g.w.schoolDest(y, i)
			c.row(append([]string{ks4RecType(y.s), itoa(y.la.code), itoa(y.s.estab), itoa(y.s.urn),
				"0", y.s.name, y.s.nftype}, destCells(&d, true)...)...)
			la.add(&d)
			nat.add(&d)
		}
		if k == len(years)-1 || years[k+1].la.code != y.la.code {
			c.row(append([]string{"LA", itoa(y.la.code), "", "", "", "", ""}, destCells(&la, false)...)...)
			la = destRow{}
		}
	}
	c.row(append([]string{"NAT", "", "", "", "", "", ""}, destCells(&nat, false)...)...)
	return g.finish(c)
}

// inDestinations says whether a school has a row in the destinations file.
func inDestinations(y *schoolYear) bool {
	k := y.s.kind
	return (k == kSecondary || k == kSpecial || k == kNMSS) && y.s.ks4 &&
		y.ks4.state != ks4Blank && y.ks4.tpup > 0
}
