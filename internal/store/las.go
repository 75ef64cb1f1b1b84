package store

import (
	"context"
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
}

// ResolveLA maps an old 3-digit code or any 9-character code an LA was
// published under to the LA; ErrNotFound when none matches.
func (s *Store) ResolveLA(ctx context.Context, code string) (*LA, error) {
	var old string
	if err := s.scanOne(ctx, "la.resolve", "LA "+code, []any{code}, &old); err != nil {
		return nil, err
	}
	var la LA
	err := s.scanOne(ctx, "la.info", "LA "+code, []any{old}, &la.OldCode, &la.Code, &la.Name,
		&la.RegionCode, &la.RegionName, &la.Status, &la.Successors)
	if err != nil {
		return nil, err
	}
	if la.Code == "" {
		la.Code = la.OldCode
	}
	return &la, nil
}

// LAProfile returns an LA's profile given its old or 9-character code. The
// profile's LA.Code is canonical, so a handler can redirect other codes to it.
func (s *Store) LAProfile(ctx context.Context, code string) (*LAProfile, error) {
	la, err := s.ResolveLA(ctx, code)
	if err != nil {
		return nil, err
	}
	p := LAProfile{LA: *la}
	if p.Figures, err = s.queryProfile(ctx, "la.latest", la.OldCode); err != nil {
		return nil, err
	}
	if p.Placement, err = s.queryFigures(ctx, "la.placement", la.OldCode); err != nil {
		return nil, err
	}
	if p.Neighbours, err = s.neighbours(ctx, la.OldCode); err != nil {
		return nil, err
	}
	if p.Flags, err = s.Flags(ctx, "la", la.OldCode); err != nil {
		return nil, err
	}
	return &p, nil
}

func (s *Store) neighbours(ctx context.Context, old string) ([]Neighbour, error) {
	rows, err := s.DB.QueryContext(ctx, s.Q.Get("la.neighbours"), old)
	if err != nil {
		return nil, fmt.Errorf("la.neighbours: %w", err)
	}
	defer rows.Close()
	var out []Neighbour
	for rows.Next() {
		var n Neighbour
		if err := rows.Scan(&n.OldCode, &n.Code, &n.Name, &n.Rank); err != nil {
			return nil, fmt.Errorf("la.neighbours: %w", err)
		}
		if n.Code == "" {
			n.Code = n.OldCode
		}
		out = append(out, n)
	}
	return out, rows.Err()
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
	rows, err := s.DB.QueryContext(ctx, s.Q.Get("la.trend"), la.OldCode, indicator)
	if err != nil {
		return nil, fmt.Errorf("la.trend: %w", err)
	}
	defer rows.Close()
	var out []TrendFigure
	for rows.Next() {
		var t TrendFigure
		var n nulls
		if err := rows.Scan(append([]any{&t.Role}, figureDest(&t.Figure, &n)...)...); err != nil {
			return nil, fmt.Errorf("la.trend: %w", err)
		}
		n.apply(&t.Figure)
		out = append(out, t)
	}
	return out, rows.Err()
}
