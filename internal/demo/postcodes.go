package demo

import (
	"fmt"
	"sort"
	"strconv"
)

// Demo postcodes. Real postcode areas never start with Q, so every demo
// postcode is plainly fictional yet has the real shape (outward code of
// area and district; inward code of sector digit and two unit letters):
//
//	outward  "Q" + the letter 'A'+h, where h is the LA code's hundreds digit,
//	         + the LA code's last two digits: LA 951 -> "QJ51", LA 401 -> "QE01"
//	inward   a school's: its place k (0, 1, ...) among the schools of its home
//	         LA (school.home, the LA it opened in) in URN order; sector 1 +
//	         k/676, unit letters 'A'+(k%676)/26 and 'A'+k%26: k 0 -> "1AA",
//	         k 27 -> "1BB"
//	         a home's (no school): sector 0, units "AA" upwards; "0ZZ" has no place
//
// So every postcode names its LA and no two schools share one (a function
// of the URN alone, such as URN mod 6084, gives two schools of one LA the
// same postcode at national size). The register files (GIAS extract,
// school list) print w.demoPostcodes()[s] for school s; the lookup written
// here places each one in its LA's area.

// demoPostcodes gives every school its postcode, as GIAS spells postcodes
// ("QJ51 1AB").
func (w *world) demoPostcodes() map[*school]string {
	next := map[*la]int{}
	out := make(map[*school]string, len(w.schools))
	for _, s := range w.schools { // in URN order (assignURNs)
		out[s] = demoPostcode(s.home.code, next[s.home])
		next[s.home]++
	}
	return out
}

// demoPostcode is the postcode of the k-th school (from 0, in URN order) of
// the LA with this code: demoPostcode(951, 27) is "QJ51 1BB".
func demoPostcode(laCode, k int) string {
	return fmt.Sprintf("%s %d%c%c", demoOutward(laCode), 1+k/676, 'A'+rune(k%676/26), 'A'+rune(k%26))
}

// demoOutward is the outward code (area and district) of an LA's postcodes.
func demoOutward(laCode int) string {
	return fmt.Sprintf("Q%c%02d", 'A'+rune(laCode/100), laCode%100)
}

// demoHomes is how many postcodes with no school each LA gets, for
// searching from a home; one more (sector 0, unit ZZ) has no place, as
// postcodes without a grid reference have none in the real extract.
const demoHomes = 12

// regionCentres puts each demo region (by index) somewhere inland in
// England, so every demo LA's postcodes fall on land: County Durham, the
// Fens, Somerset, Norfolk, Derbyshire, the Eden valley, Lincolnshire,
// London and the Sussex Weald.
var regionCentres = [...][2]float64{
	{54.78, -1.75}, {52.45, 0.05}, {50.95, -2.75}, {52.55, 0.85}, {53.05, -1.55},
	{54.40, -2.60}, {53.20, -0.50}, {51.50, -0.15}, {51.05, -0.35},
}

// laCentres places the LAs that schools open in on a grid around their
// region's centre: five to a row, 0.1° of longitude (about 7 km) and 0.07°
// of latitude (about 8 km) apart.
func (w *world) laCentres() map[*la][2]float64 {
	byRegion := map[*region][]*la{}
	for _, l := range w.las {
		if l.from == 0 {
			byRegion[l.reg] = append(byRegion[l.reg], l)
		}
	}
	out := map[*la][2]float64{}
	for _, reg := range w.regions {
		las := byRegion[reg]
		rows, cols := (len(las)+4)/5, min(len(las), 5)
		c := regionCentres[reg.idx%len(regionCentres)]
		for j, l := range las {
			dy := float64(j/5) - float64(rows-1)/2
			dx := float64(j%5) - float64(cols-1)/2
			out[l] = [2]float64{c[0] + 0.07*dy, c[1] + 0.1*dx}
		}
	}
	return out
}

// spread gives a point within about 2.5 km of an LA's centre from a key,
// the same every run: a Weyl sequence, so nearby keys land apart.
func spread(centre [2]float64, key int) [2]float64 {
	u := float64(uint64(key)*2654435761%1000003) / 1000003
	v := float64(uint64(key)*40503%999983) / 999983
	return [2]float64{centre[0] + 0.045*(u-0.5), centre[1] + 0.07*(v-0.5)}
}

// writePostcodes writes the demo postcode lookup in the layout of the
// three-column NSPL extract (postcodes-nspl/*.csv): Postcode,lat,long, the
// NSPL's seven-character spelling with runs of spaces collapsed, degrees to
// five decimals, sorted by postcode, LF, no BOM.
func (g *generator) writePostcodes() error {
	c, err := g.create("postcodes.csv", plainLF, "Postcode,lat,long")
	if err != nil {
		return err
	}
	centres := g.w.laCentres()
	type row struct{ pcd, lat, long string }
	var rows []row
	add := func(postcode string, p [2]float64) {
		rows = append(rows, row{compactPostcode(postcode), coord(p[0]), coord(p[1])})
	}
	postcodes := g.w.demoPostcodes()
	for _, s := range g.w.schools {
		add(postcodes[s], spread(centres[s.home], s.urn))
	}
	for l, centre := range centres {
		for h := range demoHomes {
			add(fmt.Sprintf("%s 0A%c", demoOutward(l.code), 'A'+rune(h)), spread(centre, l.code*100+h))
		}
		rows = append(rows, row{compactPostcode(demoOutward(l.code) + " 0ZZ"), "", "0.00000"})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].pcd < rows[j].pcd })
	for _, r := range rows {
		c.row(r.pcd, r.lat, r.long)
	}
	return g.finish(c)
}

// compactPostcode spells a postcode as the extract does: the NSPL's
// seven-character pcd, whose four-character outward codes (all demo ones)
// take no space: "QJ51 1EP" -> "QJ511EP".
func compactPostcode(p string) string {
	out, in := p[:len(p)-4], p[len(p)-3:]
	if len(out) >= 4 {
		return out + in
	}
	return out + " " + in
}

func coord(x float64) string { return strconv.FormatFloat(x, 'f', 5, 64) }
