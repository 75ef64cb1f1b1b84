package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// SearchSchools finds schools and LAs by name, URN, LAESTAB or LA code,
// exact matches first (queries/page_search.sql says how). A read-only store
// keeps page_search (one row per school and LA, about 3 MB at national
// size) and matches it in Go: the same scan in DuckDB cost a cold search
// page about 8 ms, most of it the per-query work of reading 24,000 names
// (BENCHMARKS.md). A writable store runs search.all; TestSearchGoMatchesSQL
// checks the two give the same answers.
func (s *Store) SearchSchools(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	if !s.readOnly {
		return s.searchSQL(ctx, q, limit)
	}
	ix, err := kept(s, &s.search, func() (*searchIndex, error) {
		r, err := s.readSearchRows(ctx)
		if err != nil {
			return nil, err
		}
		return newSearchIndex(r), nil
	})
	if err != nil {
		return nil, err
	}
	return ix.match(q, limit), nil
}

func (s *Store) searchSQL(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	var out []SearchHit
	err := eachRow(ctx, s, "search.all", []any{q, limit}, func(r *sql.Rows) error {
		var h SearchHit
		err := r.Scan(&h.Kind, &h.Code, &h.Name, &h.Place, &h.Detail)
		out = append(out, h)
		return err
	})
	return out, err
}

// searchRow is one row of page_search; the keys may be NULL, which matches
// nothing (as in SQL).
type searchRow struct {
	hit                              SearchHit
	nameKey                          string
	laestab, laOld, laNew, laNameKey sql.NullString
}

func (s *Store) readSearchRows(ctx context.Context) ([]searchRow, error) {
	var out []searchRow
	err := eachRow(ctx, s, "search.rows", nil, func(r *sql.Rows) error {
		var x searchRow
		err := r.Scan(&x.hit.Kind, &x.hit.Code, &x.hit.Name, &x.hit.Place, &x.hit.Detail,
			&x.nameKey, &x.laestab, &x.laOld, &x.laNew, &x.laNameKey)
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the search keys: %w", err)
	}
	slices.SortFunc(out, searchOrder)
	return out, nil
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
}

func newSearchIndex(rows []searchRow) *searchIndex {
	ix := &searchIndex{rows: rows, starts: make([]int, len(rows)),
		schoolBy: map[string][]int32{}, laOld: map[string][]int32{}, laNew: map[string][]int32{}}
	var hay strings.Builder
	add := func(m map[string][]int32, k sql.NullString, i int) {
		if k.Valid {
			if l := m[k.String]; len(l) == 0 || l[len(l)-1] != int32(i) {
				m[k.String] = append(l, int32(i))
			}
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
		}
	}
	ix.hay = hay.String()
	return ix
}

// match is search.all over the kept rows: the same matches, scores and
// order (score, schools before LAs, name, code), at most limit hits.
func (ix *searchIndex) match(q string, limit int) []SearchHit {
	// DuckDB's trim() removes the Unicode space separators (category Zs:
	// the space, no-break space, em space, ...) and nothing else.
	q = strings.TrimFunc(q, func(r rune) bool { return unicode.Is(unicode.Zs, r) })
	lq, uq := strings.ToLower(q), strings.ToUpper(q)
	return matchRows(ix.rows, ix.candidates(q, lq, uq), q, lq, uq, limit)
}

// candidates returns, in ascending order, every row that can match: those
// whose name key contains lq, and those matched whole on a code or LA name.
// nil means every row (an empty query, or one holding a NUL).
func (ix *searchIndex) candidates(q, lq, uq string) []int32 {
	if lq == "" || strings.IndexByte(lq, 0) >= 0 {
		return nil
	}
	var out []int32
	for p := 0; ; {
		k := strings.Index(ix.hay[p:], lq)
		if k < 0 {
			break
		}
		// the row whose name key holds position p+k: the last start <= it
		i, _ := slices.BinarySearch(ix.starts, p+k+1)
		out = append(out, int32(i-1))
		if i >= len(ix.starts) {
			break
		}
		p = ix.starts[i] // the next row's name key
	}
	sorted := len(out)
	for _, l := range [][]int32{ix.laOld[q], ix.laNew[uq], ix.schoolBy[q], ix.schoolBy[lq]} {
		out = append(out, l...)
	}
	if len(out) > sorted {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	if out == nil {
		out = []int32{}
	}
	return out
}

// matchRows scores the candidate rows (all rows when cand is nil) as
// search.all does. rows are in searchOrder, so each score's hits come out in
// order and only the first limit of each are kept: no sort.
func matchRows(rows []searchRow, cand []int32, q, lq, uq string, limit int) []SearchHit {
	var byScore [4][]SearchHit // scores -1, 0, 1, 2
	n := len(rows)
	if cand != nil {
		n = len(cand)
	}
	for j := range n {
		i := j
		if cand != nil {
			i = int(cand[j])
		}
		r := &rows[i]
		school := r.hit.Kind == "school"
		if !(eqNull(r.laOld, q) || eqNull(r.laNew, uq) || strings.Contains(r.nameKey, lq) ||
			(school && (r.hit.Code == q || eqNull(r.laestab, q) || eqNull(r.laNameKey, lq)))) {
			continue
		}
		var score int
		switch {
		case !school && (eqNull(r.laOld, q) || eqNull(r.laNew, uq) || r.nameKey == lq):
			score = -1
		case !school:
			score = 1
		case r.hit.Code == q || eqNull(r.laestab, q):
			score = 0
		case strings.HasPrefix(r.nameKey, lq):
			score = 1
		default:
			score = 2
		}
		if b := &byScore[score+1]; len(*b) < limit {
			*b = append(*b, r.hit)
		}
	}
	var out []SearchHit // nil when nothing matches, as from SQL
	for _, b := range byScore {
		out = append(out, b[:min(len(b), limit-len(out))]...)
	}
	return out
}

// searchOrder is the order of search.all's hits within one score: kind
// descending (schools, then LAs), name, code, compared bytewise as DuckDB
// compares VARCHAR.
func searchOrder(a, b searchRow) int {
	return cmp.Or(-strings.Compare(a.hit.Kind, b.hit.Kind), strings.Compare(a.hit.Name, b.hit.Name),
		strings.Compare(a.hit.Code, b.hit.Code))
}

// Warm reads what a read-only store keeps (the indicator catalogue, flags,
// LA directory, league list, statistical neighbours and search keys), so the first requests do not
// pay for it; `sendash serve` calls it before it listens.
func (s *Store) Warm(ctx context.Context) error {
	if _, err := s.Indicators(ctx); err != nil {
		return err
	}
	if _, err := s.Flags(ctx, "la", ""); err != nil {
		return err
	}
	if _, err := s.laDirectory(ctx); err != nil {
		return err
	}
	if _, err := s.LeagueIndicators(ctx); err != nil {
		return err
	}
	if _, err := s.neighbours(ctx, ""); err != nil {
		return err
	}
	_, err := s.SearchSchools(ctx, "", 0)
	return err
}
