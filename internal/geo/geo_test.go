package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPostcode(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"NW1 8AS", "NW1 8AS", true},
		{"nw18as", "NW1 8AS", true},
		{"NW1  8AS", "NW1 8AS", true},
		{" nw3 2bq ", "NW3 2BQ", true},
		{"NW3\u00a02BQ", "NW3 2BQ", true},
		{"SE151AA", "SE15 1AA", true},
		{"EC1A1AA", "EC1A 1AA", true},
		{"W1 3PF", "W1 3PF", true},
		{"M1 1AE", "M1 1AE", true},
		{"GIR 0AA", "GIR 0AA", true},
		{"NW1", "", false},
		{"NW1 8", "", false},
		{"NW1 8A5", "", false},
		{"123 4AB", "", false},
		{"", "", false},
		{"NW1-8AS", "", false},
	} {
		got, ok := Postcode(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Postcode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestDistance: NW3 2BQ to SE15 1AA, both as the May 2025 NSPL places
// them, is 9.615 km: checked by hand on a flat patch, dLat 0.06798° is
// 7.559 km and dLong 0.08586° at 51.51°N is 5.943 km, sqrt(7.559² + 5.943²).
func TestDistance(t *testing.T) {
	a := Point{51.54479, -0.15399} // NW3 2BQ
	b := Point{51.47681, -0.06813} // SE15 1AA
	if d := DistanceKm(a, b); math.Abs(d-9.615) > 0.005 {
		t.Errorf("NW3 2BQ to SE15 1AA: %.3f km, want 9.615", d)
	}
	if d := DistanceMiles(a, b); math.Abs(d-5.975) > 0.005 {
		t.Errorf("NW3 2BQ to SE15 1AA: %.3f miles", d)
	}
	if d := DistanceKm(a, a); d != 0 {
		t.Errorf("a point to itself: %v km", d)
	}
	// One degree of latitude on the mean sphere is 111.195 km.
	if d := DistanceKm(Point{52, 0}, Point{53, 0}); math.Abs(d-111.195) > 0.001 {
		t.Errorf("one degree of latitude: %.4f km", d)
	}
}

// TestMinDistanceKm checks the grid search's bound: for random pairs of
// points within maxLat of the equator, the latitude part and the longitude
// part of the bound are each at most the distance.
func TestMinDistanceKm(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const maxLat = 61.0
	for range 100000 {
		a := Point{Lat: (rng.Float64()*2 - 1) * maxLat, Long: (rng.Float64()*2 - 1) * 20}
		b := Point{Lat: a.Lat + rng.NormFloat64()*0.2, Long: a.Long + rng.NormFloat64()*0.3}
		if math.Abs(b.Lat) > maxLat {
			continue
		}
		d := DistanceKm(a, b)
		dLat, dLong := math.Abs(a.Lat-b.Lat), math.Abs(a.Long-b.Long)
		if l := MinDistanceKm(dLat, 1e9, maxLat); l > d+1e-9 {
			t.Fatalf("%v to %v: %.6f km, latitude bound %.6f", a, b, d, l)
		}
		if l := MinDistanceKm(1e9, dLong, maxLat); l > d+1e-9 {
			t.Fatalf("%v to %v: %.6f km, longitude bound %.6f", a, b, d, l)
		}
	}
	if got := Miles(1.609344); math.Abs(got-1) > 1e-12 {
		t.Errorf("Miles(1.609344) = %v", got)
	}
}
