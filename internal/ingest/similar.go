package ingest

import (
	"cmp"
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/sendash/sendash/internal/store"
)

// SimilarCount is how many similar schools each school gets (SPEC: about 30).
const SimilarCount = 30

// simSchool is one school's position for the similar-schools search: its
// z-scores of log roll and FSM-ever % within its phase and type group.
type simSchool struct {
	urn    string
	zn, zf float64
}

// simPair is a candidate similar school and its distance.
type simPair struct {
	dist float64
	urn  string
}

// closer orders candidates by distance, then URN: the order of rank.
func closer(a, b simPair) int {
	return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.urn, b.urn))
}

// similarSchools fills similar_school with each school's SimilarCount
// nearest schools of the same phase and type group, by Euclidean distance
// of the z-scores the query (derive.school.similar) returns, ties broken by
// URN. The search is exact: within a group sorted by zn, it walks out from
// the school in both directions and stops once the gap in zn alone exceeds
// the 30th best distance. (The SQL it replaced compared each school with
// the 60 nearest on each axis only, 6.8 s at national size, and could miss
// a school near on both.)
func (l *loader) similarSchools(ctx context.Context, query string) error {
	start := time.Now()
	rows, err := l.conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	var groups [][]simSchool
	var lastPhase, lastType string
	schools := 0
	for rows.Next() {
		var phase, typ string
		var s simSchool
		if err := rows.Scan(&phase, &typ, &s.urn, &s.zn, &s.zf); err != nil {
			rows.Close()
			return err
		}
		if len(groups) == 0 || phase != lastPhase || typ != lastType {
			groups = append(groups, nil)
			lastPhase, lastType = phase, typ
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
		schools++
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	read := time.Since(start)
	err = store.AppendEach(l.conn, "similar_school", func(add func(...driver.Value) error) error {
		best := make([]simPair, 0, SimilarCount+1)
		for _, g := range groups {
			for i := range g {
				best = nearest(g, i, best[:0])
				for r, p := range best {
					if err := add(g[i].urn, p.urn, int32(r+1), p.dist); err != nil {
						return err
					}
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("similar schools: %w", err)
	}
	l.cfg.Logger.Debug("similar schools", "schools", schools, "read", read.Round(time.Millisecond),
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

// nearest returns, in best (reused), the SimilarCount schools of g nearest
// to g[i], closest first; g is sorted by zn.
func nearest(g []simSchool, i int, best []simPair) []simPair {
	a := g[i]
	// Once best is full, a school whose zn alone is further away than the
	// last kept candidate cannot enter, nor can any beyond it on that side.
	full := func() bool { return len(best) == SimilarCount }
	consider := func(b simSchool) {
		dn, df := a.zn-b.zn, a.zf-b.zf
		p := simPair{math.Sqrt(dn*dn + df*df), b.urn}
		if full() && closer(p, best[len(best)-1]) >= 0 {
			return
		}
		at, _ := slices.BinarySearchFunc(best, p, closer)
		best = slices.Insert(best, at, p)
		if len(best) > SimilarCount {
			best = best[:SimilarCount]
		}
	}
	lo, hi := i-1, i+1
	for lo >= 0 || hi < len(g) {
		// take the side nearer in zn first, so best fills with close schools
		if hi >= len(g) || (lo >= 0 && a.zn-g[lo].zn <= g[hi].zn-a.zn) {
			if full() && a.zn-g[lo].zn > best[len(best)-1].dist {
				lo = -1
				continue
			}
			consider(g[lo])
			lo--
		} else {
			if full() && g[hi].zn-a.zn > best[len(best)-1].dist {
				hi = len(g)
				continue
			}
			consider(g[hi])
			hi++
		}
	}
	return best
}
