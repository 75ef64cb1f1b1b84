package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"

	"github.com/sendash/sendash/internal/geo"
)

// postcodeIndex is every postcode the lookup places, packed for a search
// that names one: each postcode as a number (postcodeKey), ascending, and
// its latitude and longitude in millionths of a degree (about 0.1 m), 16
// bytes a postcode: 4.5 MB for the 281,646 of the shared files, 43 MB for
// the whole NSPL. Looking one up in DuckDB instead (a prepared statement,
// the table sorted by postcode, 8,192-row groups) cost about 1 ms of CPU a
// search at national size, a third of a search page's; this costs 0.1 µs.
type postcodeIndex struct {
	keys      []uint64
	lat, long []int32
}

// postcodeKey packs a postcode in geo.Postcode's spelling ("NW1 8AS", at
// most 8 characters) into a number, 6 bits a character from the left, so
// keys sort as the spellings do; false for anything else.
func postcodeKey(pc string) (uint64, bool) {
	if len(pc) > 8 {
		return 0, false
	}
	var k uint64
	for i := range 8 {
		var c uint64
		switch {
		case i >= len(pc):
		case pc[i] == ' ':
			c = 1
		case pc[i] >= '0' && pc[i] <= '9':
			c = 2 + uint64(pc[i]-'0')
		case pc[i] >= 'A' && pc[i] <= 'Z':
			c = 12 + uint64(pc[i]-'A')
		default:
			return 0, false
		}
		k = k<<6 | c
	}
	return k, true
}

// postcodes is the store's kept postcode index.
func (s *Store) postcodes(ctx context.Context) (*postcodeIndex, error) {
	return kept(s, &s.pcs, func() (*postcodeIndex, error) {
		type entry struct {
			key       uint64
			lat, long int32
		}
		var all []entry
		err := eachRow(ctx, s, "search.postcodes", nil, func(r *sql.Rows) error {
			var pc string
			var lat, long float64
			if err := r.Scan(&pc, &lat, &long); err != nil {
				return err
			}
			if k, ok := postcodeKey(pc); ok {
				all = append(all, entry{k, int32(math.Round(lat * 1e6)), int32(math.Round(long * 1e6))})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read the postcode lookup: %w", err)
		}
		slices.SortFunc(all, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
		ix := &postcodeIndex{keys: make([]uint64, len(all)), lat: make([]int32, len(all)), long: make([]int32, len(all))}
		for i, e := range all {
			ix.keys[i], ix.lat[i], ix.long[i] = e.key, e.lat, e.long
		}
		return ix, nil
	})
}

// place is a postcode's place, and false when the lookup does not place it.
func (ix *postcodeIndex) place(pc string) (geo.Point, bool) {
	k, ok := postcodeKey(pc)
	if !ok {
		return geo.Point{}, false
	}
	i, found := slices.BinarySearch(ix.keys, k)
	if !found {
		return geo.Point{}, false
	}
	return geo.Point{Lat: float64(ix.lat[i]) / 1e6, Long: float64(ix.long[i]) / 1e6}, true
}

// readPostcodeAreas reads the postcode district and sector centres into ix.
func (s *Store) readPostcodeAreas(ctx context.Context, ix *searchIndex) error {
	ix.districts, ix.sectors = map[string]geo.Point{}, map[string]geo.Point{}
	return eachRow(ctx, s, "search.areas", nil, func(r *sql.Rows) error {
		var kind, area string
		var p geo.Point
		if err := r.Scan(&kind, &area, &p.Lat, &p.Long); err != nil {
			return err
		}
		if kind == "district" {
			ix.districts[area] = p
		} else {
			ix.sectors[area] = p
		}
		return nil
	})
}

// knownDistrict says whether the lookup places any postcode of a district.
func (ix *searchIndex) knownDistrict(d string) bool {
	_, ok := ix.districts[d]
	return ok
}
