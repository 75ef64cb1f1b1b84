package geo

import (
	"math"
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
