package store

import (
	"container/heap"
	"context"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/geo"
)

// How Search read a query (SearchAnswer.Kind).
const (
	SearchByName     = "name"     // a school or LA name, URN, LAESTAB or LA code
	SearchByPostcode = "postcode" // a full postcode the lookup places
	SearchBySector   = "sector"   // "NW1 8"
	SearchByDistrict = "district" // "NW1"
	SearchByTown     = "town"     // the town of at least one school
	SearchByLA       = "la"       // an LA's whole name
	SearchNowhere    = "unknown_place"
)

// SearchQuery is one search: the text typed, the phase group to keep (""
// for every school), whether a place search lists closed schools too, and
// the page (Offset, Limit). ByName reads Q as a name even when it names a
// place.
type SearchQuery struct {
	Q             string
	Phase         string
	Closed        bool
	ByName        bool
	Offset, Limit int
}

// SearchAnswer is how a query was read and one page of what it found. A
// place search (postcode, sector, district, town, LA) lists schools nearest
// its place first and counts them all (Total); a name search lists exact and
// prefix matches, then the near misses (spelling, apostrophes, "St" or
// "Saint"), then schools whose name is not published. A postcode the lookup
// does not place finds nothing, and names its district when the lookup
// places that.
type SearchAnswer struct {
	Kind     string     `json:"kind"`
	Place    string     `json:"place,omitempty"`    // the postcode, sector, district, town or LA searched from
	LA       *SearchHit `json:"la,omitempty"`       // the LA the query named
	District string     `json:"district,omitempty"` // an unknown postcode's district, when it is known
	Total    int        `json:"total,omitempty"`    // a place search's results in every page (0 in a name search)
	More     bool       `json:"more"`               // another page follows
	Hits     []Found    `json:"results"`
}

// Found is one school or LA a search found, with a school's phase group,
// type, status and straight-line distance from the place searched (nil in
// a name search, or for a school with no place).
type Found struct {
	SearchHit
	Phase  string   `json:"phase"`
	Type   string   `json:"type"`
	Status string   `json:"status"`
	Miles  *float64 `json:"distance_miles"`
	Km     *float64 `json:"distance_km"`
}

var (
	districtRe = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?$`)
	sectorRe   = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9])$`)
)

// Search answers a query from the search box (see SearchAnswer).
func (s *Store) Search(ctx context.Context, q SearchQuery) (*SearchAnswer, error) {
	ix, err := s.searchIndex(ctx)
	if err != nil {
		return nil, err
	}
	text := strings.Join(strings.Fields(q.Q), " ")
	if text == "" {
		return &SearchAnswer{Kind: SearchByName}, nil
	}
	keep := func(r *searchRow) bool {
		return r.hit.Kind != "school" || q.Phase == "" || r.phase == q.Phase
	}
	if !q.ByName {
		a, err := s.placeSearch(ctx, ix, text, q, keep)
		if a != nil || err != nil {
			return a, err
		}
	}
	return ix.byName(text, q, keep), nil
}

// placeSearch answers a query that names a place, or returns nil.
func (s *Store) placeSearch(ctx context.Context, ix *searchIndex, text string, q SearchQuery,
	keep func(*searchRow) bool) (*SearchAnswer, error) {
	f := placeFilter{phase: -1, closed: q.Closed}
	if q.Phase != "" {
		f.phase = -2 // a phase no school has
		if c, ok := ix.phaseCode[q.Phase]; ok {
			f.phase = int(c)
		}
	}
	open := func(r *searchRow) bool { return keep(r) && (q.Closed || r.status == "open") }
	up := strings.ToUpper(text)
	if pc, ok := geo.Postcode(text); ok {
		return s.postcodeSearch(ctx, ix, pc, f, q)
	}
	if at, ok := ix.districts[up]; ok {
		return ix.nearest(SearchByDistrict, up, at, ix.placed, f, q), nil
	}
	if m := sectorRe.FindStringSubmatch(up); m != nil {
		sector := m[1] + " " + m[2]
		if at, ok := ix.sectors[sector]; ok {
			return ix.nearest(SearchBySector, sector, at, ix.placed, f, q), nil
		}
	}
	if districtRe.MatchString(up) || sectorRe.MatchString(up) {
		a := &SearchAnswer{Kind: SearchNowhere, Place: up}
		if m := sectorRe.FindStringSubmatch(up); m != nil && ix.knownDistrict(m[1]) {
			a.District = m[1]
		}
		return a, nil
	}
	if la, ok := ix.laByName[nameKey(text)]; ok {
		a := ix.area(SearchByLA, la.hit.Name, ix.laOld[la.laOld.String], f, open, q)
		a.LA = &la.hit
		return a, nil
	}
	if rows, ok := ix.towns[nameKey(text)]; ok {
		return ix.area(SearchByTown, ix.rows[rows[0]].town, rows, f, open, q), nil
	}
	return nil, nil
}

// postcodeSearch answers a search from a full postcode: the schools
// nearest it, or, when the lookup does not place it, nothing but its
// district if the lookup places that.
func (s *Store) postcodeSearch(ctx context.Context, ix *searchIndex, pc string, f placeFilter,
	q SearchQuery) (*SearchAnswer, error) {
	pcs, err := s.postcodes(ctx)
	if err != nil {
		return nil, err
	}
	at, found := pcs.place(pc)
	if !found {
		a := &SearchAnswer{Kind: SearchNowhere, Place: pc}
		if d, _, _ := strings.Cut(pc, " "); ix.knownDistrict(d) {
			a.District = d
		}
		return a, nil
	}
	return ix.nearest(SearchByPostcode, pc, at, ix.placed, f, q), nil
}

// area answers a search for a town's or LA's schools (rows): nearest the
// mean place of its placed schools first (f filters them), then those with
// no place (keep filters them).
func (ix *searchIndex) area(kind, name string, rows []int32, f placeFilter, keep func(*searchRow) bool,
	q SearchQuery) *SearchAnswer {
	var sum geo.Point
	var placed []placedSchool
	var unplaced []int32
	for _, i := range rows {
		r := &ix.rows[i]
		switch {
		case r.hit.Kind != "school":
		case r.placed:
			sum.Lat, sum.Long = sum.Lat+r.at.Lat, sum.Long+r.at.Long
			placed = append(placed, ix.placed[ix.placedAt[i]])
		case keep(r):
			unplaced = append(unplaced, i)
		}
	}
	var centre geo.Point
	if n := float64(len(placed)); n > 0 {
		centre = geo.Point{Lat: sum.Lat / n, Long: sum.Long / n}
	}
	a := ix.nearest(kind, name, centre, placed, f, q)
	from := max(0, q.Offset-a.Total)
	a.Total += len(unplaced)
	for _, i := range unplaced[min(from, len(unplaced)):] {
		if len(a.Hits) >= q.Limit {
			break
		}
		a.Hits = append(a.Hits, found(&ix.rows[i], nil))
	}
	a.More = a.Total > q.Offset+len(a.Hits)
	return a
}

// placedSchool is a school with a place, packed for the distance scan (32
// bytes, where its searchRow is about 250): its place on the unit sphere,
// its row, phase group (searchIndex.phaseCode) and whether it is open.
type placedSchool struct {
	unit  [3]float64
	row   int32
	phase uint8
	open  bool
}

// placeFilter is the schools a place search lists: of one phase group
// (its code; -1 any, -2 none), and closed ones too or not.
type placeFilter struct {
	phase  int
	closed bool
}

// nearest answers a search from a place: the placed schools the filter
// keeps, nearest first (ties by name, then URN), one page of them with
// their distances. The chord between two points on the unit sphere orders
// them as the great-circle distance does, with no trigonometry per school;
// a bounded heap keeps the page's rows.
func (ix *searchIndex) nearest(kind, name string, at geo.Point, schools []placedSchool, f placeFilter,
	q SearchQuery) *SearchAnswer {
	a := &SearchAnswer{Kind: kind, Place: name}
	c := unitVector(at)
	h := &nearHeap{rows: ix.rows, cap: q.Offset + q.Limit}
	for k := range schools {
		p := &schools[k]
		if !(f.closed || p.open) || (f.phase != -1 && int(p.phase) != f.phase) {
			continue
		}
		a.Total++
		dx, dy, dz := p.unit[0]-c[0], p.unit[1]-c[1], p.unit[2]-c[2]
		h.offer(near{d: dx*dx + dy*dy + dz*dz, i: p.row})
	}
	best := h.items
	slices.SortFunc(best, h.cmp)
	for _, n := range best[min(q.Offset, len(best)):] {
		r := &ix.rows[n.i]
		km := geo.DistanceKm(at, r.at)
		a.Hits = append(a.Hits, found(r, &km))
	}
	a.More = a.Total > q.Offset+len(a.Hits)
	return a
}

// found is a row as a search result, with its distance when known.
func found(r *searchRow, km *float64) Found {
	f := Found{SearchHit: r.hit, Phase: r.phase, Type: r.typ, Status: r.status}
	if km != nil {
		miles := geo.Miles(*km)
		f.Km, f.Miles = km, &miles
	}
	return f
}

// unitVector is a point on the unit sphere.
func unitVector(p geo.Point) [3]float64 {
	lat, long := p.Lat*math.Pi/180, p.Long*math.Pi/180
	return [3]float64{math.Cos(lat) * math.Cos(long), math.Cos(lat) * math.Sin(long), math.Sin(lat)}
}

// near is a candidate row and its squared chord from the place searched.
type near struct {
	d float64
	i int32
}

// nearHeap keeps the cap nearest candidates offered, the farthest on top.
type nearHeap struct {
	rows  []searchRow
	items []near
	cap   int
}

func (h *nearHeap) cmp(a, b near) int {
	if a.d != b.d {
		if a.d < b.d {
			return -1
		}
		return 1
	}
	return searchOrder(&h.rows[a.i], &h.rows[b.i])
}

func (h *nearHeap) offer(n near) {
	switch {
	case h.cap <= 0:
	case len(h.items) < h.cap:
		heap.Push(h, n)
	case h.cmp(n, h.items[0]) < 0:
		h.items[0] = n
		heap.Fix(h, 0)
	}
}

func (h *nearHeap) Len() int           { return len(h.items) }
func (h *nearHeap) Less(i, j int) bool { return h.cmp(h.items[i], h.items[j]) > 0 }
func (h *nearHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *nearHeap) Push(x any)         { h.items = append(h.items, x.(near)) }
func (h *nearHeap) Pop() any {
	n := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return n
}
