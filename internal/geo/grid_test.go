package geo

import (
	"math"
	"testing"
)

// TestGridToOSGB36 is the Ordnance Survey's worked example of the inverse
// projection ("A guide to coordinate systems in Great Britain", C.2):
// E 651409.903, N 313177.270 is 52°39′27.2531″N, 1°43′4.5177″E on OSGB36.
func TestGridToOSGB36(t *testing.T) {
	lat, long := gridToOSGB36(651409.903, 313177.270)
	toSec := func(rad float64) float64 { return rad * 180 / math.Pi * 3600 }
	wantLat := (52*60+39)*60 + 27.2531
	wantLong := (1*60+43)*60 + 4.5177
	if d := toSec(lat) - wantLat; math.Abs(d) > 0.0005 {
		t.Errorf("latitude off by %.4f arc-seconds", d)
	}
	if d := toSec(long) - wantLong; math.Abs(d) > 0.0005 {
		t.Errorf("longitude off by %.4f arc-seconds", d)
	}
}

// TestGridToPoint checks the whole conversion against postcodes whose
// easting, northing, latitude and longitude the NSPL (August 2020) publishes
// on one row; ONS converts with OSTN15, so the Helmert shift should land
// within its stated 5 m.
func TestGridToPoint(t *testing.T) {
	for _, c := range []struct {
		postcode  string
		e, n      float64
		lat, long float64
	}{
		{"AB1 0AA", 385386, 801193, 57.101474, -2.242851},
		{"CA8 7JG", 366033, 564878, 54.977344, -2.532215},
		{"BR8 7QP", 549571, 169349, 51.403454, 0.148926},
		{"BR8 7QW", 549374, 168928, 51.399722, 0.145945},
	} {
		got := GridToPoint(c.e, c.n)
		d := DistanceKm(got, Point{c.lat, c.long}) * 1000
		t.Logf("%s: %.1f m from the NSPL", c.postcode, d)
		if d > 5 {
			t.Errorf("%s: %.6f, %.6f is %.1f m from the NSPL's %.6f, %.6f", c.postcode, got.Lat, got.Long, d, c.lat, c.long)
		}
	}
}
