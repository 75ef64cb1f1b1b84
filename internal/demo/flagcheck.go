package demo

// These functions apply the spec's flag rules to the generated figures so
// the README can say, from the data itself, which LAs and schools trip them.

// topQuartileYears lists, for each LA, the last-four calendar years in
// which its appeal rate is in the highest quartile: ranked (1 = highest,
// ties share a rank) among the LAs that exist in the latest year and report
// that year, top quartile when 4*(rank-1) < number ranked.
func (g *generator) topQuartileYears() map[*la][]int {
	out := map[*la][]int{}
	n := g.w.cal.n
	current := g.w.current(n - 1)
	for i := max(0, n-4); i < n; i++ {
		var ranked []*la
		for _, l := range current {
			if l.exists(i) {
				ranked = append(ranked, l)
			}
		}
		for _, l := range ranked {
			rank := 1
			for _, o := range ranked {
				if g.appealRate(o, i) > g.appealRate(l, i) {
					rank++
				}
			}
			if 4*(rank-1) < len(ranked) {
				out[l] = append(out[l], g.w.cal.calendar(i))
			}
		}
	}
	return out
}

// appealRate is the appeal rate (%) of an LA-year.
func (g *generator) appealRate(l *la, i int) float64 {
	s := &g.series[l.idx][i]
	return pctOf(s.appeals, s.decisions)
}

// timelyPct is the published % of plans (excluding exceptions) issued
// within 20 weeks, ok false when the LA made no return.
func (g *generator) timelyPct(l *la, i int) (float64, bool) {
	s := &g.series[l.idx][i]
	if s.missing {
		return 0, false
	}
	return round(pctOf(s.withinX, s.denEx), 1), true
}

// runs returns, for each LA in code order, the years (index labels given
// by label) of its longest run of consecutive years where cond holds.
func (g *generator) runs(cond func(l *la, i int) bool, label func(i int) int, minLen int) []laRun {
	var out []laRun
	for _, l := range g.w.las {
		var best, cur []int
		for i := 0; i < g.w.cal.n; i++ {
			if l.exists(i) && cond(l, i) {
				cur = append(cur, label(i))
			} else {
				cur = nil
			}
			if len(cur) > len(best) {
				best = append([]int(nil), cur...)
			}
		}
		if len(best) >= minLen {
			out = append(out, laRun{l, best})
		}
	}
	return out
}

// laRun is an LA and the years of a run that meets a rule.
type laRun struct {
	l     *la
	years []int
}

// lateRuns lists LAs below 50% in at least two consecutive calendar years.
func (g *generator) lateRuns() []laRun {
	return g.runs(func(l *la, i int) bool {
		p, ok := g.timelyPct(l, i)
		return ok && p < 50
	}, g.w.cal.calendar, 2)
}

// ratioRuns lists LAs whose EHC/no-SEN suspension ratio is above 3 for at
// least three consecutive academic years (labelled by their first year).
func (g *generator) ratioRuns() []laRun {
	return g.runs(func(l *la, i int) bool {
		return suspensionRatio(&g.agg[l.idx][i]) > 3
	}, g.w.cal.calendar, 3)
}

// fallingTrack keeps each school's SEND share and roll over the last four
// years, filled during the school pass.
type fallingTrack struct {
	share [4]float64
	nor   [4]int
	seen  [4]bool
}

// fallingSchools lists schools whose SEND share fell in each of the last
// three year-on-year steps while the roll never fell.
func (g *generator) fallingSchools() []*school {
	var out []*school
	for k, s := range g.w.schools {
		t := &g.track[k]
		ok := t.seen[0]
		for j := 1; j < 4 && ok; j++ {
			ok = t.seen[j] && t.share[j] < t.share[j-1] && t.nor[j] >= t.nor[j-1]
		}
		if ok && s.kind != kSpecial && s.kind != kNMSS {
			out = append(out, s)
		}
	}
	return out
}
