package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/sendash/sendash/internal/geo"
)

// SearchSchools finds schools and LAs by name, URN, LAESTAB or LA code,
// exact matches first (searchIndex.match says how). The store keeps
// page_search (one row per school and LA) with an index, 14 MB of heap at
// national size (24,162 rows, measured), and matches it in Go: the same
// scan in DuckDB cost a cold search page about 8 ms, most of it the
// per-query work of reading 24,000 names. That SQL is kept
// as the tests' reference (testdata/reference.sql, reference.search), and
// TestSearchGoMatchesSQL checks the two give the same answers.
func (s *Store) SearchSchools(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	ix, err := s.searchIndex(ctx)
	if err != nil {
		return nil, err
	}
	var out []SearchHit
	for _, r := range ix.match(q, limit, nil) {
		out = append(out, r.hit)
	}
	return out, nil
}

// searchIndex is the store's kept search index.
func (s *Store) searchIndex(ctx context.Context) (*searchIndex, error) {
	return kept(s, &s.search, func() (*searchIndex, error) {
		r, err := s.readSearchRows(ctx)
		if err != nil {
			return nil, err
		}
		ix := newSearchIndex(r)
		return ix, s.readPostcodeAreas(ctx, ix)
	})
}

// searchRow is one row of page_search; the keys may be NULL, which matches
// nothing (as in SQL). A school's facts (status, type, phase group, town)
// and place serve searches by place (searchplace.go); an LA's are empty.
type searchRow struct {
	hit                              SearchHit
	nameKey                          string
	laestab, laOld, laNew, laNameKey sql.NullString
	status, typ, phase, town         string
	placed                           bool
	at                               geo.Point
	unit                             [3]float64 // at on the unit sphere (searchplace.go)
}

func (s *Store) readSearchRows(ctx context.Context) ([]searchRow, error) {
	var out []searchRow
	err := eachRow(ctx, s, "search.rows", nil, func(r *sql.Rows) error {
		var x searchRow
		var status, typ, phase, town sql.NullString
		var lat, long sql.NullFloat64
		err := r.Scan(&x.hit.Kind, &x.hit.Code, &x.hit.Name, &x.hit.Place, &x.hit.Detail,
			&x.nameKey, &x.laestab, &x.laOld, &x.laNew, &x.laNameKey, &status, &typ, &phase, &town, &lat, &long)
		x.status, x.typ, x.phase, x.town = status.String, typ.String, phase.String, town.String
		if lat.Valid && long.Valid {
			x.placed, x.at = true, geo.Point{Lat: lat.Float64, Long: long.Float64}
			x.unit = unitVector(x.at)
		}
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the search keys: %w", err)
	}
	slices.SortFunc(out, func(a, b searchRow) int { return searchOrder(&a, &b) })
	return out, nil
}

// addPlaced adds rows[i], a school with a place, to ix.placed.
func (ix *searchIndex) addPlaced(i int32) {
	r := &ix.rows[i]
	code, ok := ix.phaseCode[r.phase]
	if !ok {
		code = uint8(len(ix.phaseCode)) // a handful of phase groups
		ix.phaseCode[r.phase] = code
	}
	ix.placedAt[i] = int32(len(ix.placed))
	ix.placed = append(ix.placed, placedSchool{unit: r.unit, row: i, phase: code, open: r.status == "open"})
}

func eqNull(n sql.NullString, q string) bool { return n.Valid && n.String == q }

// searchIndex is page_search in searchOrder with the means to find the
// candidate rows of a query without looking at every row: the name keys
// joined into one string (each preceded by a NUL), so strings.Index jumps
// from one match to the next, and maps for the keys matched whole.
type searchIndex struct {
	rows     []searchRow
	hay      string
	starts   []int              // rows[i].nameKey is hay[starts[i]:starts[i]+len(nameKey)]
	schoolBy map[string][]int32 // a school's URN, LAESTAB, or its LA's lower-cased name
	laOld    map[string][]int32 // any row's LA old code
	laNew    map[string][]int32 // any row's LA 9-character code

	// for searches by place (searchplace.go) and near misses (searchname.go)
	placed    []placedSchool        // the schools with a place, in row order
	placedAt  map[int32]int32       // a placed school's row -> its index in placed
	phaseCode map[string]uint8      // phase group -> placedSchool.phase
	towns     map[string][]int32    // schools by their town's nameKey
	laByName  map[string]*searchRow // LAs by their name's nameKey
	districts map[string]geo.Point  // postcode district centres (postcode_area)
	sectors   map[string]geo.Point  // postcode sector centres
	words     nameWords
}

func newSearchIndex(rows []searchRow) *searchIndex {
	ix := &searchIndex{rows: rows, starts: make([]int, len(rows)),
		schoolBy: map[string][]int32{}, laOld: map[string][]int32{}, laNew: map[string][]int32{},
		towns: map[string][]int32{}, laByName: map[string]*searchRow{}, words: newNameWords(rows),
		placedAt: map[int32]int32{}, phaseCode: map[string]uint8{}}
	var hay strings.Builder
	add := func(m map[string][]int32, k sql.NullString, i int) {
		if k.Valid {
			m[k.String] = append(m[k.String], int32(i)) // match drops repeats
		}
	}
	for i, r := range rows {
		hay.WriteByte(0)
		ix.starts[i] = hay.Len()
		hay.WriteString(r.nameKey)
		add(ix.laOld, r.laOld, i)
		add(ix.laNew, r.laNew, i)
		if r.hit.Kind == "school" {
			add(ix.schoolBy, sql.NullString{String: r.hit.Code, Valid: true}, i)
			add(ix.schoolBy, r.laestab, i)
			add(ix.schoolBy, r.laNameKey, i)
			if r.placed {
				ix.addPlaced(int32(i))
			}
			if k := nameKey(r.town); k != "" {
				ix.towns[k] = append(ix.towns[k], int32(i))
			}
		} else if k := nameKey(r.hit.Name); k != "" && ix.laByName[k] == nil {
			ix.laByName[k] = &rows[i]
		}
	}
	ix.hay = hay.String()
	return ix
}

// match finds the rows matching q, at most limit hits, best first. A school
// matches on its URN, LAESTAB, part of its name, or its LA's old code,
// 9-character code or whole name; an LA on its codes or part of its name
// (the query trimmed; names compared lower-cased, 9-character codes
// upper-cased). Hits are ordered by score (an LA matched by a code or its
// whole name, then a school by URN or LAESTAB, then a school whose name
// starts with the query or any other LA, then the rest), then named before
// unnamed, schools before LAs, name and code, as the tests' reference SQL (reference.search)
// orders them.
// Candidate rows are visited in ascending order, merging the rows whose
// name key contains the query (found one after another in hay) with the
// few matched whole through the maps, so nothing is collected or sorted.
// keep, when not nil, drops the rows it refuses before they count towards
// limit (the search page's phase filter).
func (ix *searchIndex) match(q string, limit int, keep func(*searchRow) bool) []*searchRow {
	m := newSearchMatch(q, limit, keep)
	ix.scan(m)
	return m.hits()
}

// matchApart is match with the schools whose name is not published apart
// (unnamed), after every score rather than last within each; at most
// limit of each.
func (ix *searchIndex) matchApart(q string, limit int, keep func(*searchRow) bool) (named, unnamed []*searchRow) {
	m := newSearchMatch(q, limit, keep)
	m.apart = true
	ix.scan(m)
	return m.hits(), m.unnamed
}

func newSearchMatch(q string, limit int, keep func(*searchRow) bool) *searchMatch {
	// DuckDB's trim() removes the Unicode space separators (category Zs:
	// the space, no-break space, em space, ...) and nothing else.
	q = strings.TrimFunc(q, func(r rune) bool { return unicode.Is(unicode.Zs, r) })
	return &searchMatch{q: q, lq: strings.ToLower(q), uq: strings.ToUpper(q), limit: limit, keep: keep}
}

// scan adds every row matching m's query to m, in searchOrder.
func (ix *searchIndex) scan(m *searchMatch) {
	if m.lq == "" || strings.IndexByte(m.lq, 0) >= 0 {
		// every row contains "" (and hay cannot hold a NUL): score them all
		for i := range ix.rows {
			m.add(&ix.rows[i])
		}
		return
	}
	var whole []int32
	for _, l := range [][]int32{ix.laOld[m.q], ix.laNew[m.uq], ix.schoolBy[m.q], ix.schoolBy[m.lq]} {
		whole = append(whole, l...)
	}
	slices.Sort(whole)
	whole = slices.Compact(whole)
	w := 0
	for p := 0; p < len(ix.hay); {
		k := strings.Index(ix.hay[p:], m.lq)
		if k < 0 {
			break
		}
		// the row whose name key holds position p+k: the last start <= it
		next, _ := slices.BinarySearch(ix.starts, p+k+1)
		row := int32(next - 1)
		for ; w < len(whole) && whole[w] <= row; w++ {
			if whole[w] < row {
				m.add(&ix.rows[whole[w]])
			}
		}
		m.add(&ix.rows[row])
		if next >= len(ix.starts) {
			break
		}
		p = ix.starts[next] // the next row's name key
	}
	for ; w < len(whole); w++ {
		m.add(&ix.rows[whole[w]])
	}
}

// searchMatch scores rows as match describes, keeping the first limit hits
// of each score; rows must be added in searchOrder.
type searchMatch struct {
	q, lq, uq string
	limit     int
	keep      func(*searchRow) bool
	byScore   [4][]*searchRow // scores -1, 0, 1, 2
	apart     bool            // unnamed schools go to unnamed, not byScore
	unnamed   []*searchRow
}

func (m *searchMatch) add(r *searchRow) {
	school := r.hit.Kind == "school"
	if !(eqNull(r.laOld, m.q) || eqNull(r.laNew, m.uq) || strings.Contains(r.nameKey, m.lq) ||
		(school && (r.hit.Code == m.q || eqNull(r.laestab, m.q) || eqNull(r.laNameKey, m.lq)))) ||
		(m.keep != nil && !m.keep(r)) {
		return
	}
	var score int
	switch {
	case !school && (eqNull(r.laOld, m.q) || eqNull(r.laNew, m.uq) || r.nameKey == m.lq):
		score = -1
	case !school:
		score = 1
	case r.hit.Code == m.q || eqNull(r.laestab, m.q):
		score = 0
	case strings.HasPrefix(r.nameKey, m.lq):
		score = 1
	default:
		score = 2
	}
	b := &m.byScore[score+1]
	if m.apart && r.hit.Name == "" {
		b = &m.unnamed
	}
	if len(*b) < m.limit {
		*b = append(*b, r)
	}
}

// hits returns the kept hits by score, at most limit; nil when nothing
// matched, as from SQL.
func (m *searchMatch) hits() []*searchRow {
	var out []*searchRow
	for _, b := range m.byScore {
		out = append(out, b[:min(len(b), m.limit-len(out))]...)
	}
	return out
}

// searchOrder is the order of the hits within one score: rows with a name
// before rows without one (a school whose name is not published is listed
// last), then kind descending (schools, then LAs), name, code, compared
// bytewise as DuckDB compares VARCHAR.
func searchOrder(a, b *searchRow) int {
	return cmp.Or(cmpBool(a.hit.Name == "", b.hit.Name == ""), -strings.Compare(a.hit.Kind, b.hit.Kind),
		strings.Compare(a.hit.Name, b.hit.Name), strings.Compare(a.hit.Code, b.hit.Code))
}

// cmpBool orders false before true, as SQL's ORDER BY does.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
