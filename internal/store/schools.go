package store

import (
	"context"
	"database/sql"
	"fmt"
)

// School is one school as the register describes it, with its LA.
type School struct {
	URN       string `json:"urn"`
	LAESTAB   string `json:"laestab"`
	LAOldCode string `json:"la_old_code"`
	Name      string `json:"name"`
	Type      string `json:"school_type"`
	Phase     string `json:"phase"`
	TypeGroup string `json:"type_group"`
	LACode    string `json:"la_code"`
	LAName    string `json:"la_name"`
}

// SchoolProfile is everything the school page shows: the school, its latest
// figure for every indicator (with LA and England beside it) and its flags.
type SchoolProfile struct {
	School  School       `json:"school"`
	Figures []ProfileRow `json:"figures"`
	Flags   []Flag       `json:"flags"`
}

// SchoolProfile returns a school's profile, or ErrNotFound for an unknown URN.
func (s *Store) SchoolProfile(ctx context.Context, urn string) (*SchoolProfile, error) {
	var p SchoolProfile
	sc := &p.School
	err := s.scanOne(ctx, "school.info", "school "+urn, []any{urn},
		&sc.URN, &sc.LAESTAB, &sc.LAOldCode, &sc.Name, &sc.Type, &sc.Phase, &sc.TypeGroup,
		&sc.LACode, &sc.LAName)
	if err != nil {
		return nil, err
	}
	if p.Figures, err = s.queryProfile(ctx, "school.latest", urn); err != nil {
		return nil, err
	}
	if p.Flags, err = s.Flags(ctx, "school", urn); err != nil {
		return nil, err
	}
	return &p, nil
}

// SchoolTrend returns every year of one indicator for a school, its LA and
// England. It returns ErrNotFound for an unknown school or indicator.
func (s *Store) SchoolTrend(ctx context.Context, urn, indicator string) ([]Figure, error) {
	if err := s.schoolExists(ctx, urn); err != nil {
		return nil, err
	}
	if _, err := s.Indicator(ctx, indicator); err != nil {
		return nil, err
	}
	return s.queryFigures(ctx, "school.trend", urn, indicator)
}

func (s *Store) schoolExists(ctx context.Context, urn string) error {
	var sc School
	return s.scanOne(ctx, "school.info", "school "+urn, []any{urn},
		&sc.URN, &sc.LAESTAB, &sc.LAOldCode, &sc.Name, &sc.Type, &sc.Phase, &sc.TypeGroup,
		&sc.LACode, &sc.LAName)
}

// SimilarPoint is one school's latest value of one percentage indicator, for
// the similar-schools comparison. Rank 0 is the school itself.
type SimilarPoint struct {
	URN       string   `json:"urn"`
	Rank      int      `json:"rank"`
	Distance  float64  `json:"distance"`
	Name      string   `json:"name"`
	Phase     string   `json:"phase"`
	TypeGroup string   `json:"type_group"`
	Indicator string   `json:"indicator"`
	Period    string   `json:"period"`
	Value     *float64 `json:"value"`
	Status    string   `json:"status"`
	Unit      string   `json:"unit"`
}

// SimilarSchools returns the school and its named similar schools with their
// latest percentage figures; ErrNotFound for an unknown URN.
func (s *Store) SimilarSchools(ctx context.Context, urn string) ([]SimilarPoint, error) {
	if err := s.schoolExists(ctx, urn); err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, s.Q.Get("school.similar"), urn)
	if err != nil {
		return nil, fmt.Errorf("school.similar: %w", err)
	}
	defer rows.Close()
	var out []SimilarPoint
	for rows.Next() {
		var p SimilarPoint
		var v sql.NullFloat64
		if err := rows.Scan(&p.URN, &p.Rank, &p.Distance, &p.Name, &p.Phase, &p.TypeGroup,
			&p.Indicator, &p.Period, &v, &p.Status, &p.Unit); err != nil {
			return nil, fmt.Errorf("school.similar: %w", err)
		}
		p.Value = fptr(v)
		out = append(out, p)
	}
	return out, rows.Err()
}

// CompareSchools returns the profiles of 2-4 schools in the order given;
// ErrNotFound if any URN is unknown.
func (s *Store) CompareSchools(ctx context.Context, urns []string) ([]SchoolProfile, error) {
	out := make([]SchoolProfile, 0, len(urns))
	for _, u := range urns {
		p, err := s.SchoolProfile(ctx, u)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}

// SearchHit is one school or LA matching a search.
type SearchHit struct {
	Kind   string `json:"kind"` // school | la
	Code   string `json:"code"` // URN or canonical LA code
	Name   string `json:"name"`
	Place  string `json:"place"`  // the school's LA, or the LA's region
	Detail string `json:"detail"` // the school's phase, or the LA's status
}

// SearchSchools finds schools and LAs by name, URN, LAESTAB or LA code.
func (s *Store) SearchSchools(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	rows, err := s.DB.QueryContext(ctx, s.Q.Get("search.all"), q, limit)
	if err != nil {
		return nil, fmt.Errorf("search.all: %w", err)
	}
	defer rows.Close()
	var out []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.Kind, &h.Code, &h.Name, &h.Place, &h.Detail); err != nil {
			return nil, fmt.Errorf("search.all: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
