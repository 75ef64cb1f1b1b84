// Package geo holds the place arithmetic sendash needs and nothing else:
// one spelling of a UK postcode, the straight-line distance between two
// points, and British National Grid coordinates (GIAS easting/northing)
// turned into the latitude and longitude the postcode lookup gives. It
// imports none of our packages, so ingest, store and web may all use it.
package geo

import (
	"math"
	"regexp"
	"strings"
)

// Point is a place in WGS84 degrees, as the ONS postcode lookup gives it.
type Point struct {
	Lat, Long float64
}

// postcodeRe is a UK postcode with every space removed: outward code (area
// letters, district digit, optional digit or letter) then inward code
// (sector digit, two unit letters). GIR0AA (Girobank) is the one exception
// Royal Mail keeps. queries/load/schema.sql sd_postcode uses the same rule.
var postcodeRe = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})$`)

// Postcode returns a postcode in its one spelling (outward code, one space,
// inward code: "NW1 8AS") from any spelling people and files use ("nw18as",
// "NW1  8AS", "NW18AS"), and false when the text is not a postcode. It
// removes spaces, tabs, line breaks and no-break spaces and upper-cases
// letters; sd_postcode does the same in SQL (TestPostcodeAgreesWithSQL).
func Postcode(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			return -1
		}
		return r
	}, s)
	m := postcodeRe.FindStringSubmatch(strings.ToUpper(s))
	if m == nil {
		return "", false
	}
	return m[1] + " " + m[2], true
}

// Earth's mean radius (IUGG), and the international mile.
const (
	earthRadiusKm = 6371.0088
	kmPerMile     = 1.609344
)

// DistanceKm is the great-circle (haversine) distance between a and b in
// kilometres: the straight line a parent reads as "as the crow flies".
// Over the distances of a school search the sphere is within 0.5% of the
// ellipsoid, well inside the precision of a postcode's centre.
func DistanceKm(a, b Point) float64 {
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLong := (b.Long - a.Long) * rad
	h := math.Pow(math.Sin(dLat/2), 2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Pow(math.Sin(dLong/2), 2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// DistanceMiles is DistanceKm in miles.
func DistanceMiles(a, b Point) float64 { return DistanceKm(a, b) / kmPerMile }

// Miles is a distance in kilometres in international miles.
func Miles(km float64) float64 { return km / kmPerMile }

// MinDistanceKm is a lower bound of DistanceKm between any two points whose
// latitudes differ by at least dLat degrees or whose longitudes differ by at
// least dLong degrees, both points lying within maxLat degrees of the
// equator. From the haversine formula, hav(d/R) = hav(Δφ) + cos φ1 cos φ2
// hav(Δλ), so d/R >= Δφ and hav(d/R) >= cos² maxLat hav(Δλ). A grid search
// stops widening once this exceeds the distance it needs to beat.
func MinDistanceKm(dLat, dLong, maxLat float64) float64 {
	rad := math.Pi / 180
	byLat := earthRadiusKm * math.Max(dLat, 0) * rad
	s := math.Cos(math.Min(math.Abs(maxLat), 90)*rad) * math.Sin(math.Min(math.Max(dLong, 0)*rad, math.Pi)/2)
	byLong := 2 * earthRadiusKm * math.Asin(math.Min(1, s))
	return math.Min(byLat, byLong)
}
