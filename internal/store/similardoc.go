package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
)

// The similar-schools part of the school documents, computed in Go. As SQL
// (testdata/reference.sql, now only the tests' reference) it was two page
// tables of 5.7 million rows at national size, about 14 s to build and most
// of the documents' 23 s to read back; BuildSchoolDocs now reads what they
// were made of once (1.5 million figures, the similar-school pairs, each
// school's latest census) into a similarIndex and every batch computes its
// schools' part from it.
// TestSchoolDocsMatchPageQueries checks every document against the SQL.

// similarIndex holds, by school number, what the similar-schools part of
// every school document is computed from. It is read-only once built, so
// the document readers share it.
type similarIndex struct {
	num   map[string]int32 // URN -> school number
	urns  []string         // by school number
	info  []peerInfo       // by school number; zero for a URN in neither school nor school_census
	peers [][]simPeer      // by school number: its named similar schools, nearest first
	inds  []string         // percentage and score indicators with school figures, in byte order
	units []string         // by indicator number: its unit
	pers  []string         // periods, by period number
	// slot[(school*len(inds)+ind)*len(pers)+per] is 1 + the index in vals
	// of the school's figure for that indicator and period, 0 for none.
	slot   []int32
	vals   []simValue
	status []string // status by number
}

type peerInfo struct {
	name, phase, typeGroup, census string
	roll, fsmPct                   *float64
}

type simPeer struct {
	school   int32
	rank     int
	distance float64
}

// simValue is one school figure, without pointers: 32 bytes, 1.5 million
// of them at national size.
type simValue struct {
	value, pct       float64
	year, school     int32
	ind, per         uint16
	status           uint8
	hasValue, hasPct bool
}

func (v *simValue) valuePtr() *float64 {
	if !v.hasValue {
		return nil
	}
	x := v.value
	return &x
}

func (v *simValue) pctPtr() *float64 {
	if !v.hasPct {
		return nil
	}
	x := v.pct
	return &x
}

// readSimilarIndex reads the similar-schools inputs on s's connection.
func (s *Store) readSimilarIndex(ctx context.Context) (*similarIndex, error) {
	ix := &similarIndex{num: map[string]int32{}}
	indNum, perNum, statusNum := map[string]int{}, map[string]int{}, map[string]int{}
	intern := func(m map[string]int, list *[]string, k string, most int) (int, error) {
		n, ok := m[k]
		if !ok {
			if len(*list) == most {
				return 0, fmt.Errorf("more than %d different values (%q)", most, k)
			}
			n = len(*list)
			m[k] = n
			*list = append(*list, k)
		}
		return n, nil
	}
	err := eachRow(ctx, s, "school.doc_similar_values", nil, func(r *sql.Rows) error {
		var code, ind, per, status, unit string
		var year int32
		var v, pct sql.NullFloat64
		if err := r.Scan(&code, &ind, &per, &year, &v, &status, &pct, &unit); err != nil {
			return err
		}
		in, err1 := intern(indNum, &ix.inds, ind, math.MaxUint16)
		if in == len(ix.units) {
			ix.units = append(ix.units, unit)
		}
		pn, err2 := intern(perNum, &ix.pers, per, math.MaxUint16)
		sn, err3 := intern(statusNum, &ix.status, status, math.MaxUint8)
		if err := firstErr(err1, err2, err3); err != nil {
			return err
		}
		ix.vals = append(ix.vals, simValue{value: v.Float64, hasValue: v.Valid, pct: pct.Float64, hasPct: pct.Valid,
			year: year, school: ix.school(code), ind: uint16(in), per: uint16(pn), status: uint8(sn)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s, "school.doc_peers", nil, func(r *sql.Rows) error {
		var urn, other string
		var p simPeer
		if err := r.Scan(&urn, &other, &p.rank, &p.distance); err != nil {
			return err
		}
		n := ix.school(urn)
		p.school = ix.school(other)
		ix.grow()
		ix.peers[n] = append(ix.peers[n], p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s, "school.doc_peer_info", nil, func(r *sql.Rows) error {
		var urn string
		var p peerInfo
		var roll, fsm sql.NullFloat64
		if err := r.Scan(&urn, &p.name, &p.phase, &p.typeGroup, &p.census, &roll, &fsm); err != nil {
			return err
		}
		p.roll, p.fsmPct = fptr(roll), fptr(fsm)
		n := ix.school(urn)
		ix.grow()
		ix.info[n] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	ix.grow()
	// Indicators in byte order, as the SQL's ORDER BY indicator.
	order := slices.Clone(ix.inds)
	slices.Sort(order)
	renum := make([]uint16, len(ix.inds))
	for i, ind := range ix.inds {
		renum[i] = uint16(slices.Index(order, ind))
	}
	units := make([]string, len(order))
	for i := range ix.inds {
		units[renum[i]] = ix.units[i]
	}
	ix.inds, ix.units = order, units
	ix.slot = make([]int32, len(ix.urns)*len(ix.inds)*len(ix.pers))
	for i := range ix.vals {
		v := &ix.vals[i]
		v.ind = renum[v.ind]
		k := ix.slotOf(v.school, int32(v.ind), int32(v.per))
		if ix.slot[k] != 0 {
			return nil, fmt.Errorf("school %s has two %s figures for %s (all pupils)", ix.urns[v.school], ix.inds[v.ind], ix.pers[v.per])
		}
		ix.slot[k] = int32(i + 1)
	}
	return ix, nil
}

// school returns urn's school number, numbering it if new.
func (ix *similarIndex) school(urn string) int32 {
	n, ok := ix.num[urn]
	if !ok {
		n = int32(len(ix.urns))
		ix.num[urn] = n
		ix.urns = append(ix.urns, urn)
	}
	return n
}

// grow sizes the per-school slices to the schools numbered so far.
func (ix *similarIndex) grow() {
	for len(ix.peers) < len(ix.urns) {
		ix.peers = append(ix.peers, nil)
		ix.info = append(ix.info, peerInfo{})
	}
}

func (ix *similarIndex) slotOf(school, ind, per int32) int {
	return (int(school)*len(ix.inds)+int(ind))*len(ix.pers) + int(per)
}

// value returns the school's figure for the indicator and period, or nil.
func (ix *similarIndex) value(school, ind, per int32) *simValue {
	if i := ix.slot[ix.slotOf(school, ind, per)]; i != 0 {
		return &ix.vals[i-1]
	}
	return nil
}

// latest returns the school's latest figure for the indicator (the
// greatest year, then the greatest period text), or nil.
func (ix *similarIndex) latest(school, ind int32) *simValue {
	var best *simValue
	for p := range int32(len(ix.pers)) {
		v := ix.value(school, ind, p)
		if v != nil && (best == nil || v.year > best.year ||
			v.year == best.year && ix.pers[v.per] > ix.pers[best.per]) {
			best = v
		}
	}
	return best
}

// similar returns the similar-schools part of urn's page, as the reference
// tables page_school_similar_schools and page_school_similar hold it.
func (ix *similarIndex) similar(urn string, cat *Catalogue) Similar {
	var out Similar
	me, ok := ix.num[urn]
	if !ok { // in neither school nor school_census: no figures, no peers
		out.Schools = append(out.Schools, SimilarSchool{URN: urn})
		return out
	}
	peers := append([]simPeer{{school: me}}, ix.peers[me]...)
	names := make(map[string]string, len(peers))
	for _, p := range peers {
		in := ix.info[p.school]
		u := ix.urns[p.school]
		out.Schools = append(out.Schools, SimilarSchool{URN: u, Rank: p.rank, Distance: p.distance,
			Name: in.name, Phase: in.phase, TypeGroup: in.typeGroup, Census: in.census,
			Roll: copyPtr(in.roll), FSMPct: copyPtr(in.fsmPct)})
		names[u] = in.name
	}
	var peerValues []float64
	for ind := range int32(len(ix.inds)) {
		l := ix.latest(me, ind)
		if l == nil {
			continue
		}
		peerValues = peerValues[:0]
		for _, p := range peers {
			x := SimilarPoint{URN: ix.urns[p.school], Rank: p.rank, Name: names[ix.urns[p.school]],
				Indicator: ix.inds[ind], Period: ix.pers[l.per], Status: "not_published", Unit: ix.units[ind]}
			if v := ix.value(p.school, ind, int32(l.per)); v != nil {
				x.Value, x.Status, x.Percentile = v.valuePtr(), ix.status[v.status], v.pctPtr()
				if p.rank > 0 && v.hasValue {
					peerValues = append(peerValues, v.value)
				}
			}
			out.Points = append(out.Points, x)
		}
		self := out.Points[len(out.Points)-len(peers)]
		sum := SimilarSummary{Indicator: self.Indicator, Title: cat.title(self.Indicator), Period: self.Period,
			Unit: self.Unit, Value: copyPtr(self.Value), Status: self.Status, Percentile: copyPtr(self.Percentile),
			Peers: len(peerValues)}
		if len(peerValues) > 0 {
			slices.Sort(peerValues)
			lo, hi := peerValues[0], peerValues[len(peerValues)-1]
			med := medianCont(peerValues)
			sum.Min, sum.Median, sum.Max = &lo, &med, &hi
			if sum.Value != nil {
				sum.Lower, sum.Higher = countBeside(peerValues, *sum.Value)
			}
		}
		out.Summary = append(out.Summary, sum)
	}
	return out
}

// countBeside counts the sorted values strictly below and strictly above v
// (ties are neither, so a figure level with its peers is not "higher").
func countBeside(sorted []float64, v float64) (lower, higher int) {
	lower, _ = slices.BinarySearch(sorted, v)
	at := lower
	for at < len(sorted) && sorted[at] == v {
		at++
	}
	return lower, len(sorted) - at
}

// withStanding copies each similar-schools summary's standing onto the
// profile row of the same figure (indicator, all pupils, period), so the
// figures table's words are taken from the peers and year whose median the
// similar-schools table shows.
func (d *schoolDoc) withStanding() {
	for i := range d.profile.Figures {
		r := &d.profile.Figures[i]
		if r.Grp != "all" || r.Value == nil {
			continue
		}
		for _, s := range d.similar.Summary {
			if s.Indicator == r.Indicator && s.Period == r.Period && s.Median != nil &&
				s.Value != nil && *s.Value == *r.Value {
				r.Similar = &Standing{Peers: s.Peers, Lower: s.Lower, Higher: s.Higher, Median: *s.Median}
			}
		}
	}
}

// medianCont is DuckDB's quantile_cont(x, 0.5) of sorted values: the middle
// value, or the two middle values interpolated.
func medianCont(sorted []float64) float64 {
	rn := float64(len(sorted)-1) * 0.5
	lo, hi := math.Floor(rn), math.Ceil(rn)
	if lo == hi {
		return sorted[int(lo)]
	}
	// DuckDB's own formula, lo*(1-d) + hi*d: a + (b-a)*d differs in the
	// last bit for some pairs (-0.12 and 0.01: -0.05499999999999999).
	a, b, d := sorted[int(lo)], sorted[int(hi)], rn-lo
	return a*(1-d) + b*d
}

func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
