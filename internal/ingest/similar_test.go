package ingest

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNearestIsExact checks the walk-out search against comparing every
// pair, on groups with many exact ties in both z-scores (rounded values)
// and groups smaller than SimilarCount.
func TestNearestIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		n     int
		round float64 // z-scores rounded to this step: ties
	}{{5, 0}, {31, 0}, {400, 0}, {400, 0.25}, {2000, 0.05}, {2000, 0}} {
		g := make([]simSchool, tc.n)
		for i := range g {
			zn, zf := rng.NormFloat64(), rng.NormFloat64()
			if tc.round > 0 {
				zn, zf = math.Round(zn/tc.round)*tc.round, math.Round(zf/tc.round)*tc.round
			}
			g[i] = simSchool{urn: fmt.Sprintf("%06d", rng.IntN(1_000_000)*10+i%10), zn: zn, zf: zf}
		}
		slices.SortFunc(g, func(a, b simSchool) int {
			return cmp.Or(cmp.Compare(a.zn, b.zn), cmp.Compare(a.urn, b.urn))
		})
		for i := range g {
			got := nearest(g, i, nil)
			var all []simPair
			for j, b := range g {
				if j != i {
					dn, df := g[i].zn-b.zn, g[i].zf-b.zf
					all = append(all, simPair{math.Sqrt(dn*dn + df*df), b.urn})
				}
			}
			slices.SortFunc(all, closer)
			want := all[:min(len(all), SimilarCount)]
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d round=%v school %d: got %v, want %v", tc.n, tc.round, i, got, want)
			}
		}
	}
}
