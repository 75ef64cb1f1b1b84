package demo

// Census count columns, in file order: NOR, NORG, NORB, TSENELSE, TSENELK,
// NUMEAL, NUMENGFL, NUMUNCFL, NUMFSM, NUMFSMEVER.
type censusCounts [10]int

func (y *schoolYear) censusCounts() censusCounts {
	return censusCounts{y.nor, y.girls, y.nor - y.girls, y.ehc, y.sup,
		y.eal, y.engfl, y.uncfl, y.fsm, y.fsmEver}
}

// cells formats the 18 value columns from NOR to PNUMFSMEVER.
func (c censusCounts) cells() []string {
	p := func(n int) string { return short(pctOf(n, c[0]), 1) }
	return []string{
		itoa(c[0]), itoa(c[1]), itoa(c[2]), p(c[1]), p(c[2]),
		itoa(c[3]), p(c[3]), itoa(c[4]), p(c[4]),
		itoa(c[5]), itoa(c[6]), itoa(c[7]), p(c[5]), p(c[6]), p(c[7]),
		itoa(c[8]), itoa(c[9]), p(c[9]),
	}
}

// writeCensus writes the January census file of year i, in URN order, with
// the three national rows (sums of state-funded primary, secondary and
// special schools) at the end.
func (g *generator) writeCensus(years []*schoolYear, i int) error {
	name := "england_census_" + g.w.cal.dash(i) + "_performance_tables.csv"
	c, err := g.create(name, bomLF, headerCensus)
	if err != nil {
		return err
	}
	var nat [3]censusCounts
	for k := range years {
		y := years[k]
		cells := append([]string{itoa(y.s.urn), itoa(y.la.code), itoa(y.s.estab), censusLabel[y.s.kind]},
			censusMasked(y)...)
		c.row(cells...)
		if y.s.kind <= kSpecial && !y.s.naRoll {
			cc := y.censusCounts()
			for j := range cc {
				nat[y.s.kind][j] += cc[j]
			}
		}
	}
	for k, code := range []string{"PRI", "SEC", "SPE"} {
		c.row(append([]string{"NAT", "", code, censusLabel[k]}, nat[k].cells()...)...)
	}
	return g.finish(c)
}

// censusMasked applies the census NA markers: independent schools publish
// no language or FSM figures (and a few no SEN figures), nurseries no
// FSM-ever figures, a few special schools no language figures, and some
// PRUs nothing at all.
func censusMasked(y *schoolYear) []string {
	cells := y.censusCounts().cells()
	s := y.s
	na := func(from, to int) {
		for j := from; j < to; j++ {
			cells[j] = "NA"
		}
	}
	switch {
	case s.naRoll:
		na(0, 18)
	case s.kind == kIndependent:
		na(9, 18)
		if s.urn%53 == 0 {
			na(5, 9)
		}
	case s.kind == kNursery:
		na(16, 18)
	case s.kind == kSpecial && s.urn%41 == 0:
		na(9, 15)
		na(16, 18)
	}
	return cells
}
