package store_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/sendash/sendash/internal/geo"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// TestNearbyOnDemo checks every demo school's nearby schools against every
// pair of places: a school with a place lists the 10 nearest open schools of
// its phase (all of them in a phase with fewer: the demo's 8 open nursery
// schools), nearest first, with distances as geo.DistanceKm gives them from
// the two places, in miles too.
func TestNearbyOnDemo(t *testing.T) {
	st := testdb.Open(t, testdb.Demo(t))
	type placed struct {
		urn, phase string
		at         geo.Point
		open       bool
	}
	rows, err := st.DB.QueryContext(t.Context(), `SELECT p.urn, coalesce(s.phase, ''), p.lat, p.long, s.status = 'open'
		FROM school_place p JOIN school s USING (urn) ORDER BY p.urn`)
	if err != nil {
		t.Fatal(err)
	}
	var all []placed
	for rows.Next() {
		var p placed
		if err := rows.Scan(&p.urn, &p.phase, &p.at.Lat, &p.at.Long, &p.open); err != nil {
			t.Fatal(err)
		}
		all = append(all, p)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if len(all) < 500 {
		t.Fatalf("only %d demo schools have a place", len(all))
	}
	ten := 0
	for _, s := range all {
		page, err := st.SchoolPage(t.Context(), s.urn, "")
		if err != nil {
			t.Fatal(err)
		}
		n := page.Nearby
		if n.Place == nil || n.Place.Lat != s.at.Lat || n.Place.Long != s.at.Long {
			t.Fatalf("school %s: place %+v, want %v", s.urn, n.Place, s.at)
		}
		var want []store.NearbySchool
		for _, o := range all {
			if o.urn != s.urn && o.open && o.phase == s.phase {
				d := geo.DistanceKm(s.at, o.at)
				want = append(want, store.NearbySchool{URN: o.urn, Phase: o.phase, DistanceKm: d, DistanceMiles: geo.Miles(d)})
			}
		}
		slices.SortFunc(want, func(a, b store.NearbySchool) int {
			return cmp.Or(cmp.Compare(a.DistanceKm, b.DistanceKm), cmp.Compare(a.URN, b.URN))
		})
		if len(n.Schools) != min(10, len(want)) || len(want) < 10 && s.phase != "nursery" {
			t.Fatalf("school %s (%s): %d nearby schools, %d candidates", s.urn, s.phase, len(n.Schools), len(want))
		}
		if len(n.Schools) == 10 {
			ten++
		}
		for i, got := range n.Schools {
			w := want[i]
			if got.Rank != i+1 || got.URN != w.URN || got.Phase != s.phase || got.DistanceKm != w.DistanceKm ||
				got.DistanceMiles != w.DistanceMiles {
				t.Fatalf("school %s: nearby %d is %+v, want %+v", s.urn, i+1, got, w)
			}
			if got.Name == "" || got.EHCPStatus == "" {
				t.Errorf("school %s: nearby %s has no name or EHC plan status", s.urn, got.URN)
			}
		}
	}
	t.Logf("%d of %d placed demo schools list 10 nearby schools", ten, len(all))
}
