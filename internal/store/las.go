package store

import (
	"context"
	"database/sql"
	"fmt"
)

// LA is one local authority with its canonical (9-character) code.
type LA struct {
	OldCode    string `json:"old_code"`
	Code       string `json:"code"` // 9-character code; the old code when none is known
	Name       string `json:"name"`
	RegionCode string `json:"region_code"`
	RegionName string `json:"region_name"`
	Status     string `json:"status"`
	Successors string `json:"successors"`
}

// Neighbour is one of an LA's statistical neighbours.
type Neighbour struct {
	OldCode string `json:"old_code"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Rank    int    `json:"rank"`
}

// LAProfile is everything the LA page shows.
type LAProfile struct {
	LA         LA           `json:"la"`
	Figures    []ProfileRow `json:"figures"`
	Placement  []Figure     `json:"placement"`
	Neighbours []Neighbour  `json:"neighbours"`
	Flags      []Flag       `json:"flags"`
	// the rules that could not be judged for the LA
	Unjudged []FlagUnjudged `json:"flags_unjudged"`
}

// ResolveLA maps an old 3-digit code or any 9-character code an LA was
// published under to the LA; ErrNotFound when none matches.
func (s *Store) ResolveLA(ctx context.Context, code string) (*LA, error) {
	d, err := s.laDirectory(ctx)
	if err != nil {
		return nil, err
	}
	old, ok := d.byKey[code]
	la, found := d.byOld[old]
	if !ok || !found {
		return nil, fmt.Errorf("LA %s: %w", code, ErrNotFound)
	}
	return &la, nil
}

// laDirectory is every LA and every code that resolves to one (la.keys,
// la.all): about 500 small rows, so the store reads it once and keeps it.
type laDirectory struct {
	byKey map[string]string // lookup code -> old code
	byOld map[string]LA
}

func (s *Store) laDirectory(ctx context.Context) (*laDirectory, error) {
	return kept(s, &s.las, func() (*laDirectory, error) { return s.readLADirectory(ctx) })
}

func (s *Store) readLADirectory(ctx context.Context) (*laDirectory, error) {
	d := &laDirectory{byKey: map[string]string{}, byOld: map[string]LA{}}
	err := eachRow(ctx, s, "la.keys", nil, func(r *sql.Rows) error {
		var k, old string
		err := r.Scan(&k, &old)
		d.byKey[k] = old
		return err
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s, "la.all", nil, func(r *sql.Rows) error {
		var la LA
		err := r.Scan(&la.OldCode, &la.Code, &la.Name, &la.RegionCode, &la.RegionName, &la.Status, &la.Successors)
		if la.Code == "" {
			la.Code = la.OldCode
		}
		d.byOld[la.OldCode] = la
		return err
	})
	return d, err
}

// LAProfile returns an LA's profile given its old or 9-character code. The
// profile's LA.Code is canonical, so a handler can redirect other codes to it.
func (s *Store) LAProfile(ctx context.Context, code string) (*LAProfile, error) {
	p, err := s.LAPage(ctx, code, "")
	if err != nil {
		return nil, err
	}
	return p.Profile, nil
}

// laProfileSQL is LAProfile read from the page tables (BuildLADocs stores
// it); its LA header, neighbours and flags are added on reading.
func (s *Store) laProfileSQL(ctx context.Context, old string) (*LAProfile, error) {
	var p LAProfile
	var err error
	if p.Figures, err = s.queryProfile(ctx, "la.latest", old); err != nil {
		return nil, err
	}
	if p.Placement, err = s.queryFigures(ctx, "la.placement", old); err != nil {
		return nil, err
	}
	return &p, nil
}

// Neighbours returns the statistical neighbours of the LA with old code
// old, in the DfE's order (none for an LA without).
func (s *Store) Neighbours(ctx context.Context, old string) ([]Neighbour, error) {
	return s.neighbours(ctx, old)
}

// neighbours returns an LA's statistical neighbours, in the DfE's order.
func (s *Store) neighbours(ctx context.Context, old string) ([]Neighbour, error) {
	all, err := s.neighbourMap(ctx)
	if err != nil {
		return nil, err
	}
	return all[old], nil
}

// neighbourMap is every LA's statistical neighbours, kept by the store (it
// saved an LA page a query).
func (s *Store) neighbourMap(ctx context.Context) (map[string][]Neighbour, error) {
	all, err := kept(s, &s.nbrs, func() (*map[string][]Neighbour, error) {
		m, err := s.readNeighbours(ctx)
		return &m, err
	})
	if err != nil {
		return nil, err
	}
	return *all, nil
}

// readNeighbours runs la.neighbours_all into neighbours by LA old code,
// each LA's in the DfE's order.
func (s *Store) readNeighbours(ctx context.Context) (map[string][]Neighbour, error) {
	out := map[string][]Neighbour{}
	err := eachRow(ctx, s, "la.neighbours_all", nil, func(r *sql.Rows) error {
		var la string
		var n Neighbour
		if err := r.Scan(&la, &n.OldCode, &n.Code, &n.Name, &n.Rank); err != nil {
			return err
		}
		if n.Code == "" {
			n.Code = n.OldCode
		}
		out[la] = append(out[la], n)
		return nil
	})
	return out, err
}

// TrendFigure is a figure tagged with its role in an LA trend: the LA itself,
// one of its statistical neighbours, or England.
type TrendFigure struct {
	Role string `json:"role"` // la | neighbour | england
	Figure
}

// LATrend returns every year of one indicator for an LA, its statistical
// neighbours and England; ErrNotFound for an unknown LA or indicator.
func (s *Store) LATrend(ctx context.Context, code, indicator string) ([]TrendFigure, error) {
	la, err := s.ResolveLA(ctx, code)
	if err != nil {
		return nil, err
	}
	if _, err := s.Indicator(ctx, indicator); err != nil {
		return nil, err
	}
	return s.laTrendSQL(ctx, la.OldCode, indicator)
}

func (s *Store) laTrendSQL(ctx context.Context, old, indicator string) ([]TrendFigure, error) {
	var out []TrendFigure
	err := eachRow(ctx, s, "la.trend", []any{old, indicator}, func(r *sql.Rows) error {
		var t TrendFigure
		var n nulls
		if err := r.Scan(append([]any{&t.Role}, figureDest(&t.Figure, &n)...)...); err != nil {
			return err
		}
		n.apply(&t.Figure)
		out = append(out, t)
		return nil
	})
	return out, err
}
