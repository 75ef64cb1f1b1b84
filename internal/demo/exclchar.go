package demo

// senLabels are the SEN provision characteristics of the EES exclusions
// file by characteristic, in SEN-group order (no SEN, support, EHC).
var senLabels = [...]string{
	"SEN Provision No SEN", "SEN provision SEN without statement", "SEN provision SEN with statement EHC",
}

// writeExclusionsByCharacteristic writes exclusions by SEN provision for
// England, each region and each LA, by school type, in the layout of the
// national EES file with the LA geography columns that current files have.
// LA counts of 1 or 2 are suppressed ("x").
func (g *generator) writeExclusionsByCharacteristic() error {
	c, err := g.create("exclusions_by_characteristic.csv", plainCRLF, headerExclusionsCharLA)
	if err != nil {
		return err
	}
	for i := 0; i < g.w.cal.n; i++ {
		for _, a := range g.areas(i) {
			t := g.sumOver(a.las, i)
			prefix := g.geoPrefix(i, a.level, a.reg, a.l)
			suppress := a.l != nil
			for st := tTotal; st < nExclTypes; st++ {
				c.row(join(prefix, []string{exclTypeLabel[st], "Total", "Total"}, exclCells(t.total(st), suppress))...)
				for grp := gNone; grp <= gEHC; grp++ {
					c.row(join(prefix, []string{exclTypeLabel[st], "SEN provision", senLabels[grp]},
						exclCells(t.excl[st][grp], suppress))...)
				}
			}
		}
	}
	return g.finish(c)
}

// suspensionRatio is the EHC plan pupils' suspension rate over the no-SEN
// pupils' rate, all school types, or 0 when either rate is undefined.
func suspensionRatio(a *laYear) float64 {
	ehc, none := a.excl[tTotal][gEHC], a.excl[tTotal][gNone]
	if ehc.hc == 0 || none.hc == 0 || none.susp == 0 {
		return 0
	}
	return (float64(ehc.susp) / float64(ehc.hc)) / (float64(none.susp) / float64(none.hc))
}
