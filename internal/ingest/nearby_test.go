package ingest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sendash/sendash/internal/geo"
)

// TestNearbyIsExact checks the grid search against comparing every pair:
// schools spread over England and clustered in a town, some closed (never
// listed, but given their own list), some on the same spot (ties by URN);
// phases of up to nearbyBrute open schools (the first three cases) are
// searched by comparing every pair, larger ones through the grid.
func TestNearbyIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		n      int
		spread float64 // degrees
		round  float64 // places rounded to this step: ties
	}{{1, 5, 0}, {8, 5, 0}, {300, 5, 0}, {2000, 0.3, 0}, {2000, 6, 0.01}, {500, 0.02, 0}} {
		schools := make([]placed, tc.n)
		for i := range schools {
			p := geo.Point{Lat: 52.5 + (rng.Float64()-0.5)*tc.spread, Long: -1.5 + (rng.Float64()-0.5)*tc.spread*1.6}
			if tc.round > 0 {
				p.Lat, p.Long = math.Round(p.Lat/tc.round)*tc.round, math.Round(p.Long/tc.round)*tc.round
			}
			schools[i] = placed{urn: fmt.Sprintf("%06d", 100000+i), at: p, open: rng.IntN(5) > 0}
		}
		g := newNearbyGrid(schools)
		for _, s := range schools {
			got := g.nearest(s, NearbyCount, nil)
			var all []nearPair
			for _, o := range schools {
				if o.open && o.urn != s.urn {
					all = append(all, nearPair{geo.DistanceKm(s.at, o.at), o.urn})
				}
			}
			slices.SortFunc(all, nearer)
			want := all[:min(len(all), NearbyCount)]
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d spread=%v school %s: got %v, want %v", tc.n, tc.spread, s.urn, got, want)
			}
		}
	}
}
