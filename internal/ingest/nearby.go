package ingest

import (
	"cmp"
	"context"
	"database/sql/driver"
	"math"
	"slices"

	"github.com/sendash/sendash/internal/geo"
	"github.com/sendash/sendash/internal/store"
)

// NearbyCount is how many nearby schools a school page lists (SPEC, Places:
// every school page lists the nearest schools of the same phase).
const NearbyCount = 10

// nearbyCell is the grid's cell in degrees: about 2.2 km north to south and
// 2 km east to west in England, so a town's ten nearest schools of a phase
// are usually within a ring or two of cells.
const nearbyCellLat, nearbyCellLong = 0.02, 0.03

// nearbyBrute is how many open schools a phase may have for its search to
// compare every pair instead: a sparse phase (nursery, AP) has few schools
// spread over England, whose search would walk thousands of empty cells.
const nearbyBrute = 256

// placed is one school with a place, for the nearby-schools search.
type placed struct {
	urn  string
	at   geo.Point
	open bool
}

// nearPair is a candidate nearby school and its distance in km.
type nearPair struct {
	dist float64
	urn  string
}

func nearer(a, b nearPair) int {
	return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.urn, b.urn))
}

// nearbySchools fills school_nearby with each placed school's NearbyCount
// nearest open schools of the same phase (not itself), by straight-line
// distance (geo.DistanceKm), ties broken by URN. The query
// (derive.school_nearby) gives every placed school with a phase. The search
// is exact: each phase's open schools sit in a grid of cells, and a
// school's search widens ring by ring until the next ring cannot hold a
// school nearer than its tenth (geo.MinDistanceKm), instead of comparing
// every pair of 26,000 schools.
func (l *loader) nearbySchools(ctx context.Context, query string) error {
	rows, err := l.conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	byPhase := map[string][]placed{}
	var phases []string
	for rows.Next() {
		var p placed
		var phase string
		if err := rows.Scan(&p.urn, &p.at.Lat, &p.at.Long, &phase, &p.open); err != nil {
			rows.Close()
			return err
		}
		if _, ok := byPhase[phase]; !ok {
			phases = append(phases, phase)
		}
		byPhase[phase] = append(byPhase[phase], p)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Sort(phases)
	return store.AppendEach(l.conn, "school_nearby", func(add func(...driver.Value) error) error {
		for _, phase := range phases {
			schools := byPhase[phase]
			g := newNearbyGrid(schools)
			best := make([]nearPair, 0, NearbyCount)
			for _, s := range schools {
				if err := ctx.Err(); err != nil {
					return err
				}
				best = g.nearest(s, NearbyCount, best[:0])
				for r, p := range best {
					if err := add(s.urn, int32(r+1), p.urn, p.dist); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// nearbyGrid holds one phase's open schools by grid cell.
type nearbyGrid struct {
	open           []placed // every open school, for a sparse phase
	cells          map[[2]int][]placed
	lo, hi         [2]int  // the occupied cells' bounds
	maxLat         float64 // the largest |latitude| of any school
	cellLat, cellL float64
}

func newNearbyGrid(schools []placed) *nearbyGrid {
	g := &nearbyGrid{cells: map[[2]int][]placed{}, cellLat: nearbyCellLat, cellL: nearbyCellLong,
		lo: [2]int{math.MaxInt, math.MaxInt}, hi: [2]int{math.MinInt, math.MinInt}}
	for _, s := range schools {
		g.maxLat = math.Max(g.maxLat, math.Abs(s.at.Lat))
		if !s.open {
			continue
		}
		g.open = append(g.open, s)
		c := g.cell(s.at)
		g.cells[c] = append(g.cells[c], s)
		for i := range 2 {
			g.lo[i], g.hi[i] = min(g.lo[i], c[i]), max(g.hi[i], c[i])
		}
	}
	return g
}

func (g *nearbyGrid) cell(p geo.Point) [2]int {
	return [2]int{int(math.Floor(p.Lat / g.cellLat)), int(math.Floor(p.Long / g.cellL))}
}

// nearest appends to best (empty) the k open schools nearest s, nearest
// first, and returns it.
func (g *nearbyGrid) nearest(s placed, k int, best []nearPair) []nearPair {
	if len(g.open) <= nearbyBrute {
		for _, o := range g.open {
			if o.urn != s.urn {
				best = keepNearest(best, nearPair{geo.DistanceKm(s.at, o.at), o.urn}, k)
			}
		}
		return best
	}
	c := g.cell(s.at)
	// The farthest ring that still reaches an occupied cell.
	last := max(c[0]-g.lo[0], g.hi[0]-c[0], c[1]-g.lo[1], g.hi[1]-c[1])
	for r := 0; r <= last; r++ {
		for i := c[0] - r; i <= c[0]+r; i++ {
			step := 2 * r
			if i == c[0]-r || i == c[0]+r || r == 0 {
				step = 1
			}
			for j := c[1] - r; j <= c[1]+r; j += step {
				for _, o := range g.cells[[2]int{i, j}] {
					if o.urn == s.urn {
						continue
					}
					best = keepNearest(best, nearPair{geo.DistanceKm(s.at, o.at), o.urn}, k)
				}
			}
		}
		// A school in ring r+1 or beyond is at least r whole cells away.
		if len(best) == k && geo.MinDistanceKm(float64(r)*g.cellLat, float64(r)*g.cellL, g.maxLat) > best[k-1].dist {
			break
		}
	}
	return best
}

// keepNearest inserts p into best (sorted, at most k long) if it is among
// the k nearest so far.
func keepNearest(best []nearPair, p nearPair, k int) []nearPair {
	if len(best) == k && nearer(p, best[k-1]) >= 0 {
		return best
	}
	i, _ := slices.BinarySearchFunc(best, p, nearer)
	if len(best) < k {
		best = append(best, nearPair{})
	}
	copy(best[i+1:], best[i:len(best)-1])
	best[i] = p
	return best
}
