package demo

import "math/rand/v2"

// destBlock is one cohort's destination counts: COHORT, OVERALL_DEST,
// APPREN, EMPLOYMENT, EDUCATION, FE, SCH_6TH, SIXTH_COL, OTHER_EDU,
// NOT_SUSTAINED, UNKNOWN.
type destBlock [11]int

// destRow is a school's (or area's) destinations: all pupils, disadvantaged
// and the rest, plus the cohort and sustained % of the two earlier cohorts.
type destRow struct {
	blocks   [3]destBlock
	prevPup  [2][3]int     // [_18, _17][all, dis, nondis]
	prevPct  [2][3]float64 // pupil-weighted sums of sustained %
	prevNA   [2]bool
	tooSmall bool
}

// drawDest splits a cohort of c pupils into destinations; sust is the
// share in a sustained destination and sixth the share staying at school.
func drawDest(r *rand.Rand, c int, sust, sixth float64) destBlock {
	var b destBlock
	b[0] = c
	b[1] = min(c, iround(float64(c)*clamp(sust+0.02*r.NormFloat64(), 0.3, 1)))
	b[10] = min(c-b[1], iround(float64(c)*0.012*r.Float64()*2))
	b[9] = c - b[1] - b[10]
	b[2] = iround(float64(b[1]) * 0.03 * r.Float64() * 2)
	b[3] = min(b[1]-b[2], iround(float64(b[1])*0.025*r.Float64()*2))
	b[4] = b[1] - b[2] - b[3]
	b[6] = iround(float64(b[4]) * sixth)
	b[7] = min(b[4]-b[6], iround(float64(b[4])*0.12*r.Float64()))
	b[8] = min(b[4]-b[6]-b[7], iround(float64(b[4])*0.02*r.Float64()))
	b[5] = b[4] - b[6] - b[7] - b[8]
	return b
}

// schoolDest draws a school's destinations from its own random stream.
func (w *world) schoolDest(y *schoolYear, i int) destRow {
	r := w.rngFor(y.s.urn, i, 2)
	c := max(1, y.ks4.tpup)
	dis := min(c, iround(float64(c)*float64(y.fsmEver)/float64(max(1, y.nor))*1.1))
	sust, sixth := 0.95-0.12*float64(y.fsmEver)/float64(max(1, y.nor)), 0.2
	if y.s.sixthForm {
		sixth = 0.55
	}
	if y.s.kind != kSecondary {
		sust, sixth = 0.86, 0.35
	}
	d := destRow{tooSmall: c < 6}
	d.blocks[1] = drawDest(r, dis, sust-0.06, sixth*0.8)
	d.blocks[2] = drawDest(r, c-dis, sust+0.02, sixth*1.1)
	for j := range d.blocks[0] {
		d.blocks[0][j] = d.blocks[1][j] + d.blocks[2][j]
	}
	for p := 0; p < 2; p++ {
		d.prevNA[p] = y.s.open > 0 && i-y.s.open < 5+p
		for b := 0; b < 3; b++ {
			n := max(0, iround(float64(d.blocks[b][0])*(1+0.06*r.NormFloat64())))
			d.prevPup[p][b] = n
			d.prevPct[p][b] = float64(n) * clamp(pctOf(d.blocks[b][1], d.blocks[b][0])+2*r.NormFloat64(), 0, 100)
		}
	}
	return d
}

// add folds a school into an LA or national row.
func (d *destRow) add(o *destRow) {
	for b := range d.blocks {
		for j := range d.blocks[b] {
			d.blocks[b][j] += o.blocks[b][j]
		}
	}
	for p := 0; p < 2; p++ {
		if o.prevNA[p] {
			continue
		}
		for b := 0; b < 3; b++ {
			d.prevPup[p][b] += o.prevPup[p][b]
			d.prevPct[p][b] += o.prevPct[p][b]
		}
	}
}
