// Package boundaries makes the England LA map the web pages draw: the ONS
// "Counties and Unitary Authorities (December 2024) Boundaries UK BUC"
// GeoJSON cut to England's 153 upper-tier authorities (codes E06, E08, E09
// and E10), each feature keeping only its 9-character code and name, with
// coordinates rounded to Decimals places (about 100 m, finer than the
// file's 500 m generalisation). cmd/sendash-lamap writes the result to
// static/geo/england-la-2024.json, which ships with the program.
package boundaries

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Decimals is the number of decimal places kept in each coordinate.
const Decimals = 3

// Output is the path of the shipped map, from the repository root.
const Output = "static/geo/england-la-2024.json"

// Source is the ONS file's name under the shared data's la-boundaries folder.
const Source = "la-boundaries/Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC.geojson"

type source struct {
	Features []struct {
		Properties struct {
			Code string `json:"CTYUA24CD"`
			Name string `json:"CTYUA24NM"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// englandPrefixes are the ONS code prefixes of England's upper-tier LAs:
// unitary authorities, metropolitan districts, London boroughs (and the
// City of London), counties.
var englandPrefixes = []string{"E06", "E08", "E09", "E10"}

// England reads the ONS GeoJSON and returns the England-only map, features
// in code order, as compact JSON ending in a newline. The same input always
// gives the same bytes.
func England(src []byte) ([]byte, error) {
	var in source
	if err := json.Unmarshal(src, &in); err != nil {
		return nil, fmt.Errorf("read boundaries: %w", err)
	}
	type feature struct {
		code, name, typ string
		coords          []byte
	}
	var out []feature
	for _, f := range in.Features {
		code := f.Properties.Code
		if len(code) != 9 || !slices.Contains(englandPrefixes, code[:3]) {
			continue
		}
		var c []byte
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &p); err == nil {
				c = polygon(nil, p)
			}
		case "MultiPolygon":
			var mp [][][][2]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &mp); err == nil {
				c = append(c, '[')
				for i, p := range mp {
					if i > 0 {
						c = append(c, ',')
					}
					c = polygon(c, p)
				}
				c = append(c, ']')
			}
		default:
			err = fmt.Errorf("geometry %q", f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("feature %s: %w", code, err)
		}
		out = append(out, feature{code, f.Properties.Name, f.Geometry.Type, c})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read boundaries: no English LA (E06, E08, E09, E10 codes)")
	}
	slices.SortFunc(out, func(a, b feature) int { return strings.Compare(a.code, b.code) })
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range out {
		if i > 0 {
			b.WriteString(",\n")
		}
		props, err := json.Marshal(struct {
			Code string `json:"code"`
			Name string `json:"name"`
		}{f.code, f.name})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":%s,"geometry":{"type":%q,"coordinates":%s}}`,
			props, f.typ, f.coords)
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}

// polygon appends a polygon's rings with rounded coordinates, leaving out
// a point that rounds to the one before it (a ring keeps at least four
// points, the first repeated last, as GeoJSON requires).
func polygon(b []byte, rings [][][2]float64) []byte {
	b = append(b, '[')
	for i, ring := range rings {
		if i > 0 {
			b = append(b, ',')
		}
		kept := make([][2]float64, 0, len(ring))
		for j, pt := range ring {
			p := [2]float64{round(pt[0]), round(pt[1])}
			if j > 0 && j < len(ring)-1 && p == kept[len(kept)-1] {
				continue
			}
			kept = append(kept, p)
		}
		if len(kept) < 4 { // too small to simplify: keep every point
			kept = kept[:0]
			for _, pt := range ring {
				kept = append(kept, [2]float64{round(pt[0]), round(pt[1])})
			}
		}
		b = append(b, '[')
		for j, p := range kept {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendFloat(b, p[0], 'f', -1, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, p[1], 'f', -1, 64)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

func round(v float64) float64 {
	const scale = 1e3 // 10^Decimals
	return math.Round(v*scale) / scale
}
