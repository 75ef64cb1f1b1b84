package demo

import (
	"math"
	"math/rand/v2"
)

// flagPlan names the LAs and the school built to trip each flag rule of the
// spec, and a few that sit just short of a rule or carry a quirk.
type flagPlan struct {
	tribunal   *la     // (a) appeal rate in the top quartile in 3 of the last 4 years
	timeliness *la     // (b) 20-week timeliness below 50% in 2 consecutive years
	suspension *la     // (c) EHC/no-SEN suspension ratio above 3 for 3 years
	falling    *school // (d) SEND share fell year on year while the roll rose
	fallingLA  *la     // LA of the falling school
	excluder   *school // (f) permanent exclusions above 3x its LA's in the last 2 years
	excluderLA *la     // LA of the excluding school

	timelyDip     *la   // below 50% in one year only: must not trip (b)
	zeroAppeals   *la   // no appeals in the first year (" - " in the table)
	missingReturn *la   // no SEN2 timeliness return in the first year ("x")
	inDevSupp     []*la // in-development appeal figures suppressed (" x ")
}

// planFlags picks LAs that report in every year (never the merged ones).
func planFlags(w *world) flagPlan {
	l := w.las
	return flagPlan{
		tribunal: l[1], timeliness: l[4], suspension: l[7], fallingLA: l[2], excluderLA: l[3],
		timelyDip: l[6], zeroAppeals: l[9], missingReturn: l[8],
		inDevSupp: []*la{l[0], l[5]},
	}
}

// appealBase is the England appeal rate (%) by calendar year, shaped like
// the published series (1.2% in 2015 rising to 3.2% in 2024).
func appealBase(year int) float64 {
	rates := map[int]float64{2015: 1.2, 2016: 1.3, 2017: 1.5, 2018: 1.6, 2019: 1.8,
		2020: 1.7, 2021: 1.8, 2022: 2.3, 2023: 2.5, 2024: 3.2}
	if r, ok := rates[year]; ok {
		return r
	}
	return 1.5
}

// buildSeries draws each LA's yearly timeliness, appeal-rate multiplier and
// EHC suspension multiplier, then overrides the planned LAs. Timeliness may
// dip below 50% in single years, never in two running except where planned.
func (w *world) buildSeries(r *rand.Rand) {
	n := w.size.years
	for _, l := range w.las {
		base := 52 + 36*r.Float64()
		appeal := clamp(math.Exp(0.35*r.NormFloat64()), 0.4, 1.7)
		susp := 0.85 + 0.3*r.Float64()
		l.timely = make([]float64, n)
		l.appealMult = make([]float64, n)
		l.ehcSusp = make([]float64, n)
		for i := 0; i < n; i++ {
			l.timely[i] = clamp(base-1.8*float64(i)+6*r.NormFloat64(), 20, 98)
			if i > 0 && l.timely[i] < 50 && l.timely[i-1] < 50 {
				l.timely[i] = 50.5 + 5*r.Float64() // keep rule (b) to the planned LA
			}
			l.appealMult[i] = clamp(appeal*math.Exp(0.12*r.NormFloat64()), 0.3, 2)
			l.ehcSusp[i] = susp * (1 + 0.04*r.NormFloat64())
		}
	}
	p := w.plan
	copy(p.tribunal.appealMult[n-4:], []float64{2.6, 2.7, 0.6, 2.8})
	copy(p.timeliness.timely[n-4:], []float64{58.3, 46.2, 41.4, 53.7})
	p.timelyDip.timely[n-3] = 47.5
	for _, i := range []int{n - 4, n - 2} {
		p.timelyDip.timely[i] = math.Max(p.timelyDip.timely[i], 52)
	}
	for i := n - 3; i < n; i++ {
		p.suspension.ehcSusp[i] = 1.75 + 0.05*float64(i-n+3)
	}
}
