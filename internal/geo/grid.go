package geo

import "math"

// ellipsoid is a reference ellipsoid's semi-major and semi-minor axes (m).
type ellipsoid struct{ a, b float64 }

var (
	airy1830 = ellipsoid{6377563.396, 6356256.909}  // OSGB36
	grs80    = ellipsoid{6378137.000, 6356752.3141} // WGS84 to well under 1 mm
)

// The National Grid's Transverse Mercator projection (OS, "A guide to
// coordinate systems in Great Britain", annex C): scale on the central
// meridian, true origin 49°N 2°W, false origin 400 km west, 100 km north.
const (
	gridF0    = 0.9996012717
	gridLat0  = 49 * math.Pi / 180
	gridLong0 = -2 * math.Pi / 180
	gridE0    = 400000.0
	gridN0    = -100000.0
)

// helmert is the OS's seven-parameter transformation from OSGB36 to WGS84
// (the inverse of the published WGS84 -> OSGB36 set): translations in
// metres, rotations in arc-seconds, scale in parts per million. It is good
// to about 5 m across Great Britain, enough to place a school on a map or
// rank schools by distance; OSTN15 would give centimetres.
var helmert = struct{ tx, ty, tz, rx, ry, rz, s float64 }{
	tx: 446.448, ty: -125.157, tz: 542.060,
	rx: 0.1502, ry: 0.2470, rz: 0.8421, s: -20.4894,
}

// GridToPoint turns British National Grid coordinates (OSGB36 easting and
// northing in metres, as GIAS publishes them) into a WGS84 latitude and
// longitude, comparable with the postcode lookup's.
func GridToPoint(easting, northing float64) Point {
	lat, long := gridToOSGB36(easting, northing)
	return datumShift(lat, long)
}

// gridToOSGB36 is the inverse Transverse Mercator projection: grid metres
// to latitude and longitude (radians) on the Airy 1830 ellipsoid.
func gridToOSGB36(e, n float64) (lat, long float64) {
	a, b := airy1830.a, airy1830.b
	e2 := 1 - b*b/(a*a)
	nn := (a - b) / (a + b)
	lat, m := gridLat0, 0.0
	for range 20 { // converges to 0.01 mm in a handful of steps
		lat += (n - gridN0 - m) / (a * gridF0)
		m = meridionalArc(b, nn, lat)
		if math.Abs(n-gridN0-m) < 0.00001 {
			break
		}
	}
	sin, cos, tan := math.Sin(lat), math.Cos(lat), math.Tan(lat)
	nu := a * gridF0 / math.Sqrt(1-e2*sin*sin)
	rho := a * gridF0 * (1 - e2) / math.Pow(1-e2*sin*sin, 1.5)
	eta2 := nu/rho - 1
	sec := 1 / cos
	vii := tan / (2 * rho * nu)
	viii := tan / (24 * rho * math.Pow(nu, 3)) * (5 + 3*tan*tan + eta2 - 9*tan*tan*eta2)
	ix := tan / (720 * rho * math.Pow(nu, 5)) * (61 + 90*tan*tan + 45*math.Pow(tan, 4))
	x := sec / nu
	xi := sec / (6 * math.Pow(nu, 3)) * (nu/rho + 2*tan*tan)
	xii := sec / (120 * math.Pow(nu, 5)) * (5 + 28*tan*tan + 24*math.Pow(tan, 4))
	xiia := sec / (5040 * math.Pow(nu, 7)) * (61 + 662*tan*tan + 1320*math.Pow(tan, 4) + 720*math.Pow(tan, 6))
	de := e - gridE0
	lat = lat - vii*de*de + viii*math.Pow(de, 4) - ix*math.Pow(de, 6)
	long = gridLong0 + x*de - xi*math.Pow(de, 3) + xii*math.Pow(de, 5) - xiia*math.Pow(de, 7)
	return lat, long
}

// meridionalArc is the distance M along the central meridian from the true
// origin's latitude to lat (OS guide, equation C3).
func meridionalArc(b, n, lat float64) float64 {
	d, s := lat-gridLat0, lat+gridLat0
	return b * gridF0 * ((1+n+5.0/4*n*n+5.0/4*n*n*n)*d -
		(3*n+3*n*n+21.0/8*n*n*n)*math.Sin(d)*math.Cos(s) +
		(15.0/8*n*n+15.0/8*n*n*n)*math.Sin(2*d)*math.Cos(2*s) -
		35.0/24*n*n*n*math.Sin(3*d)*math.Cos(3*s))
}

// datumShift moves a point (radians, OSGB36, height 0) to WGS84 degrees:
// to earth-centred cartesian on Airy 1830, the Helmert transformation, and
// back to latitude and longitude on GRS80.
func datumShift(lat, long float64) Point {
	x, y, z := toCartesian(airy1830, lat, long)
	const sec = math.Pi / (180 * 3600)
	h := helmert
	s := 1 + h.s*1e-6
	rx, ry, rz := h.rx*sec, h.ry*sec, h.rz*sec
	x2 := h.tx + s*x - rz*y + ry*z
	y2 := h.ty + rz*x + s*y - rx*z
	z2 := h.tz - ry*x + rx*y + s*z
	lat, long = fromCartesian(grs80, x2, y2, z2)
	return Point{Lat: lat * 180 / math.Pi, Long: long * 180 / math.Pi}
}

func toCartesian(el ellipsoid, lat, long float64) (x, y, z float64) {
	e2 := 1 - el.b*el.b/(el.a*el.a)
	nu := el.a / math.Sqrt(1-e2*math.Sin(lat)*math.Sin(lat))
	return nu * math.Cos(lat) * math.Cos(long), nu * math.Cos(lat) * math.Sin(long), nu * (1 - e2) * math.Sin(lat)
}

// fromCartesian iterates for latitude (OS guide, equations B5-B8) until it
// moves less than 1e-12 radians (a few micrometres).
func fromCartesian(el ellipsoid, x, y, z float64) (lat, long float64) {
	e2 := 1 - el.b*el.b/(el.a*el.a)
	p := math.Hypot(x, y)
	lat = math.Atan2(z, p*(1-e2))
	for range 10 {
		nu := el.a / math.Sqrt(1-e2*math.Sin(lat)*math.Sin(lat))
		next := math.Atan2(z+e2*nu*math.Sin(lat), p)
		if math.Abs(next-lat) < 1e-12 {
			lat = next
			break
		}
		lat = next
	}
	return lat, math.Atan2(y, x)
}
