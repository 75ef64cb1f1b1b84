package demo

// writeAbsence writes the absence file of academic year i (state-funded
// primary, secondary and special schools and non-maintained special
// schools, by LA and establishment), then the three national rows.
// Persistent absence is SUPP when fewer than five pupils are behind it.
func (g *generator) writeAbsence(years []*schoolYear, i int) error {
	name := "england_abs_" + g.w.cal.dash(i) + "_performance_tables.csv"
	c, err := g.create(name, bomLF, headerAbsence)
	if err != nil {
		return err
	}
	var sessions, pa [3]float64
	var pupils [3]int
	for k := range years {
		y := years[k]
		if exclType(y.s.kind) < 0 {
			continue
		}
		persistent := short(y.pa, 1)
		if n := iround(y.pa * float64(y.nor) / 100); n > 0 && n < 5 {
			persistent = "SUPP"
		}
		c.row(itoa(y.la.code), itoa(y.s.estab), itoa(y.s.urn), short(y.abs, 1), persistent)
		if y.s.kind <= kSpecial {
			sessions[y.s.kind] += y.abs * float64(y.nor)
			pa[y.s.kind] += y.pa * float64(y.nor)
			pupils[y.s.kind] += y.nor
		}
	}
	for k, code := range []string{"PRI", "SEC", "SPE"} {
		n := float64(max(1, pupils[k]))
		c.row("NAT", code, "", short(sessions[k]/n, 1), short(pa[k]/n, 1))
	}
	return g.finish(c)
}
