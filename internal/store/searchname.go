package store

import (
	"slices"
	"strings"
	"unicode"
)

// byName answers a name search, one page of it: the rows match finds (codes,
// whole LA names, names starting with the query, names containing it), then
// the near misses (nearMisses), then the schools whose name is not
// published, which match only by code or LA.
func (ix *searchIndex) byName(text string, q SearchQuery, keep func(*searchRow) bool) *SearchAnswer {
	want := q.Offset + q.Limit + 1 // one more says whether another page follows
	rows, unnamed := ix.matchApart(text, want, keep)
	if len(rows) < want {
		seen := make(map[*searchRow]bool, len(rows))
		for _, r := range rows {
			seen[r] = true
		}
		for _, r := range ix.nearMisses(text, keep) {
			if len(rows) >= want {
				break
			}
			if !seen[r] {
				rows = append(rows, r)
			}
		}
	}
	rows = append(rows, unnamed...)
	a := &SearchAnswer{Kind: SearchByName}
	page := rows[min(q.Offset, len(rows)):]
	a.More = len(page) > q.Limit
	for _, r := range page[:min(len(page), q.Limit)] {
		a.Hits = append(a.Hits, found(r, nil))
	}
	return a
}

// nameTokens splits a name into the words a search compares: lower case,
// apostrophes dropped ("Mary's" and "Marys" are one word), any other
// character that is not a letter or digit a break ("St." is "st"), and
// "saint" spelt "st".
func nameTokens(s string) []string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
	out := strings.Fields(s)
	for i, w := range out {
		if w == "saint" {
			out[i] = "st"
		}
	}
	return out
}

// nameKey is a name's words (nameTokens) joined by single spaces: the key
// towns and LA names are looked up by.
func nameKey(s string) string { return strings.Join(nameTokens(s), " ") }

// nameWords indexes every row's name words for nearMisses: the distinct
// words, and for each the rows whose name has it.
type nameWords struct {
	vocab []string
	rows  map[string][]int32
	of    [][]string // each row's words
}

func newNameWords(rows []searchRow) nameWords {
	w := nameWords{rows: map[string][]int32{}, of: make([][]string, len(rows))}
	for i := range rows {
		for _, t := range nameTokens(rows[i].hit.Name) {
			l, ok := w.rows[t]
			if !ok {
				w.vocab = append(w.vocab, t)
			}
			if len(l) == 0 || l[len(l)-1] != int32(i) {
				w.rows[t] = append(l, int32(i))
			}
			w.of[i] = append(w.of[i], t)
		}
	}
	return w
}

// nearMisses finds the rows whose name has, for every word of the query, a
// word spelt the same once apostrophes, punctuation and "Saint" are set
// aside (nameTokens), or starting with the query's last word, or differing
// from it in one letter (a word of 4 to 6 letters) or two (7 or more):
// changed, missing, added or two swapped. Fewest differences first, then
// in searchOrder.
func (ix *searchIndex) nearMisses(text string, keep func(*searchRow) bool) []*searchRow {
	qt := nameTokens(text)
	if len(qt) == 0 {
		return nil
	}
	cost := make([]map[string]int, len(qt)) // for each query word, the words it matches and their cost
	rarest, rarestN := 0, -1
	for j, t := range qt {
		cost[j] = map[string]int{}
		n := 0
		for _, w := range ix.words.vocab {
			if c, ok := wordCost(t, w, j == len(qt)-1); ok {
				cost[j][w] = c
				n += len(ix.words.rows[w])
			}
		}
		if n == 0 {
			return nil
		}
		if rarestN < 0 || n < rarestN {
			rarest, rarestN = j, n
		}
	}
	var cand []int32
	for w := range cost[rarest] {
		cand = append(cand, ix.words.rows[w]...)
	}
	slices.Sort(cand)
	type scored struct {
		i    int32
		cost int
	}
	var out []scored
	for _, i := range slices.Compact(cand) {
		if c, ok := rowCost(ix.words.of[i], cost); ok && keep(&ix.rows[i]) {
			out = append(out, scored{i, c})
		}
	}
	slices.SortStableFunc(out, func(a, b scored) int { return a.cost - b.cost })
	rows := make([]*searchRow, len(out))
	for k, s := range out {
		rows[k] = &ix.rows[s.i]
	}
	return rows
}

// rowCost is the cost of a row's words matching every query word (cost,
// one map per query word), and false when one matches none of them.
func rowCost(words []string, cost []map[string]int) (int, bool) {
	total := 0
	for _, m := range cost {
		best := -1
		for _, w := range words {
			if c, ok := m[w]; ok && (best < 0 || c < best) {
				best = c
			}
		}
		if best < 0 {
			return 0, false
		}
		total += best
	}
	return total, true
}

// wordCost says whether a name's word w matches the query word t and how
// many letters differ; the query's last word also matches the start of w
// (it may be half typed).
func wordCost(t, w string, last bool) (int, bool) {
	if t == w || (last && len(t) >= 3 && strings.HasPrefix(w, t)) {
		return 0, true
	}
	limit := 0
	switch {
	case len(t) >= 7:
		limit = 2
	case len(t) >= 4:
		limit = 1
	}
	if limit == 0 || len(w)-len(t) > limit || len(t)-len(w) > limit {
		return 0, false
	}
	d := editDistance(t, w, limit)
	return d, d <= limit
}

// editDistance is the optimal string alignment distance between a and b
// (letters changed, added, removed, or two next to each other swapped),
// or limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	var buf [3][32]int // on the stack for words of up to 31 letters
	prev2, prev, cur := buf[0][:0], buf[1][:0], buf[2][:0]
	for range len(b) + 1 {
		prev2, prev, cur = append(prev2, 0), append(prev, 0), append(cur, 0)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			sub := 1
			if a[i-1] == b[j-1] {
				sub = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+sub)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
