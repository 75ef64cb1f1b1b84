package store_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// search runs one search, failing the test on an error.
func search(t *testing.T, st *store.Store, q store.SearchQuery) *store.SearchAnswer {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 50
	}
	a, err := st.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return a
}

// haversineMiles is the great-circle distance between two points in miles,
// computed here apart from internal/geo so the test checks it.
func haversineMiles(lat1, long1, lat2, long2 float64) float64 {
	r := math.Pi / 180
	a := math.Sin((lat2-lat1)*r/2)*math.Sin((lat2-lat1)*r/2) +
		math.Cos(lat1*r)*math.Cos(lat2*r)*math.Sin((long2-long1)*r/2)*math.Sin((long2-long1)*r/2)
	return 2 * 3958.7613 * math.Asin(math.Sqrt(a)) // Earth's mean radius in miles
}

// checkNearestFirst checks a place search's schools are in distance order,
// each with miles and km that agree, and returns them.
func checkNearestFirst(t *testing.T, a *store.SearchAnswer) []store.Found {
	t.Helper()
	prev := -1.0
	for _, h := range a.Hits {
		if h.Miles == nil || h.Km == nil {
			t.Fatalf("%s %s has no distance", h.Code, h.Name)
		}
		if *h.Miles < prev {
			t.Fatalf("%s at %.3f miles listed after one at %.3f", h.Code, *h.Miles, prev)
		}
		if math.Abs(*h.Km/1.609344-*h.Miles) > 1e-9 {
			t.Fatalf("%s: %.3f km is not %.3f miles", h.Code, *h.Km, *h.Miles)
		}
		prev = *h.Miles
	}
	return a.Hits
}

// placeOf reads a postcode's place from the lookup, or a school's place
// through its published postcode.
func placeOf(t *testing.T, st *store.Store, sqlText, key string) (lat, long float64) {
	t.Helper()
	if err := st.DB.QueryRow(sqlText, key).Scan(&lat, &long); err != nil {
		t.Fatalf("place of %s: %v", key, err)
	}
	return lat, long
}

const (
	postcodePlaceSQL = `SELECT lat, long FROM postcode WHERE postcode = ?`
	schoolPlaceSQL   = `SELECT p.lat, p.long FROM school s JOIN postcode p ON p.postcode = sd_postcode(s.postcode) WHERE s.urn = ?`
)

// TestSearchByPostcodeReal checks searches by place on the real files:
// Haverstock School first at 0.0 miles from its own postcode, the schools
// near NW1 8AS in order at the distances the lookup gives (haversine,
// within 0.05 miles), and Haverstock among Camden's schools.
func TestSearchByPostcodeReal(t *testing.T) {
	st := realSchoolStore(t)
	a := search(t, st, store.SearchQuery{Q: "nw3 2bq"})
	hits := checkNearestFirst(t, a)
	if a.Kind != store.SearchByPostcode || a.Place != "NW3 2BQ" || len(hits) == 0 {
		t.Fatalf("NW3 2BQ read as %s %q with %d results", a.Kind, a.Place, len(hits))
	}
	if hits[0].Name != "Haverstock School" || *hits[0].Miles > 0.05 {
		t.Errorf("NW3 2BQ: first %s at %.2f miles, want Haverstock School at 0.0", hits[0].Name, *hits[0].Miles)
	}

	a = search(t, st, store.SearchQuery{Q: "NW1 8AS"})
	hits = checkNearestFirst(t, a)
	if len(hits) != 50 || !a.More {
		t.Fatalf("NW1 8AS: %d results (more: %v), want a full page and more", len(hits), a.More)
	}
	lat, long := placeOf(t, st, postcodePlaceSQL, "NW1 8AS")
	for _, h := range hits {
		slat, slong := placeOf(t, st, schoolPlaceSQL, h.Code)
		if want := haversineMiles(lat, long, slat, slong); math.Abs(*h.Miles-want) > 0.05 {
			t.Errorf("%s %s: %.3f miles from NW1 8AS, the lookup gives %.3f", h.Code, h.Name, *h.Miles, want)
		}
	}
	t.Logf("NW1 8AS: %d open schools; nearest %s at %.2f miles, 50th %s at %.2f miles",
		a.Total, hits[0].Name, *hits[0].Miles, hits[49].Name, *hits[49].Miles)

	a = search(t, st, store.SearchQuery{Q: "Camden", Limit: 1000})
	if a.Kind != store.SearchByLA || a.LA == nil || a.LA.Name != "Camden" {
		t.Fatalf("Camden read as %s (LA %v)", a.Kind, a.LA)
	}
	found := false
	for _, h := range a.Hits {
		found = found || h.Name == "Haverstock School"
	}
	if !found {
		t.Errorf("Camden's %d open schools do not include Haverstock School", len(a.Hits))
	}
}

// TestSearchByPlaceDemo checks each way of naming a place on the demo data:
// a school's postcode lists it first at 0.0 miles at the distance the
// lookup gives; its sector and district list schools in distance order; a
// town lists its schools; an LA name gives the LA then its schools.
func TestSearchByPlaceDemo(t *testing.T) {
	st := demoStore(t)
	var urn, name, postcode, town, la string
	err := st.DB.QueryRow(`SELECT s.urn, s.name, s.postcode, s.town, l.name FROM school s
		JOIN school_place p USING (urn) JOIN la l ON l.old_code = s.la_old_code
		WHERE s.status = 'open' AND s.town NOT IN (SELECT name FROM la) ORDER BY s.urn LIMIT 1`).
		Scan(&urn, &name, &postcode, &town, &la)
	if err != nil {
		t.Fatal(err)
	}
	a := search(t, st, store.SearchQuery{Q: strings.ToLower(strings.ReplaceAll(postcode, " ", ""))})
	hits := checkNearestFirst(t, a)
	if a.Kind != store.SearchByPostcode || len(hits) == 0 || hits[0].Code != urn || *hits[0].Miles > 0.005 {
		t.Fatalf("%s read as %s; want %s first at 0.0 miles, got %v", postcode, a.Kind, urn, hits)
	}
	lat, long := placeOf(t, st, postcodePlaceSQL, postcode)
	for _, h := range hits {
		slat, slong := placeOf(t, st, schoolPlaceSQL, h.Code)
		if want := haversineMiles(lat, long, slat, slong); math.Abs(*h.Miles-want) > 0.001 {
			t.Errorf("%s: %.4f miles, the lookup gives %.4f", h.Code, *h.Miles, want)
		}
	}
	outward, inward, _ := strings.Cut(postcode, " ")
	for q, kind := range map[string]string{outward + " " + inward[:1]: store.SearchBySector,
		outward + inward[:1]: store.SearchBySector, strings.ToLower(outward): store.SearchByDistrict} {
		a := search(t, st, store.SearchQuery{Q: q})
		if a.Kind != kind || len(checkNearestFirst(t, a)) != 50 || a.Total < 50 {
			t.Errorf("%q read as %s %q with %d of %d results, want a %s", q, a.Kind, a.Place, len(a.Hits), a.Total, kind)
		}
	}

	a = search(t, st, store.SearchQuery{Q: strings.ToUpper(town), Limit: 1000})
	var inTown int
	if err := st.DB.QueryRow(`SELECT count(*) FROM school WHERE town = ? AND status = 'open'`, town).Scan(&inTown); err != nil {
		t.Fatal(err)
	}
	if a.Kind != store.SearchByTown || a.Place != town || a.Total != inTown || len(a.Hits) != inTown {
		t.Errorf("%q read as %s %q with %d results (total %d), want the town's %d open schools",
			town, a.Kind, a.Place, len(a.Hits), a.Total, inTown)
	}

	a = search(t, st, store.SearchQuery{Q: la, Limit: 1000})
	if a.Kind != store.SearchByLA || a.LA == nil || a.LA.Name != la || len(a.Hits) == 0 {
		t.Fatalf("%q read as %s with LA %v", la, a.Kind, a.LA)
	}
	for _, h := range a.Hits {
		if h.Place != la {
			t.Errorf("%q lists %s of %s", la, h.Code, h.Place)
		}
	}
}
