package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	School  School        `json:"school"`
	Details SchoolDetails `json:"details"`
	Figures []ProfileRow  `json:"figures"`
	Flags   []Flag        `json:"flags"`
	// the rules that could not be judged for the school
	Unjudged []FlagUnjudged `json:"flags_unjudged"`
}

// SchoolProfile returns a school's profile, or ErrNotFound for an unknown URN.
// It reads the profile part of the school's document (schooldoc.go).
func (s *Store) SchoolProfile(ctx context.Context, urn string) (*SchoolProfile, error) {
	var blob []byte
	if err := s.scanOne(ctx, "school.doc_profile", "school "+urn, []any{urn}, &blob); err != nil {
		return nil, err
	}
	p := &SchoolProfile{}
	return p, s.profileFromDoc(ctx, urn, blob, p)
}

// profileFromDoc decodes the profile part of a school's document into p and
// adds the school's flags.
func (s *Store) profileFromDoc(ctx context.Context, urn string, blob []byte, p *SchoolProfile) error {
	if err := unpackDoc(blob, func(d *docDec) { d.profile(p) }); err != nil {
		return fmt.Errorf("school %s: %w", urn, err)
	}
	_, err := s.withFlags(ctx, urn, p)
	return err
}

// withFlags adds the school's flags and the rules that could not be judged
// for it (both kept by the store) to p.
func (s *Store) withFlags(ctx context.Context, urn string, p *SchoolProfile) (*SchoolProfile, error) {
	var err error
	p.Flags, err = s.Flags(ctx, "school", urn)
	if err != nil {
		return nil, err
	}
	if p.Unjudged, err = s.Unjudged(ctx, "school", urn); err != nil {
		return nil, err
	}
	return p, nil
}

// SchoolTrend returns every year of one indicator for a school, its LA and
// England. It returns ErrNotFound for an unknown school or indicator.
func (s *Store) SchoolTrend(ctx context.Context, urn, indicator string) ([]Figure, error) {
	rows, err := s.queryFigures(ctx, "school.trend", urn, indicator)
	if err != nil {
		return nil, err
	}
	// The school's own figures come in stored order (year, group); a trend
	// lists them by group, then year, before its reference lines.
	slices.SortStableFunc(rows, func(a, b Figure) int {
		return cmp.Or(cmp.Compare(a.Grp, b.Grp), cmp.Compare(a.Year, b.Year))
	})
	ref, err := s.queryFigures(ctx, "school.trend_ref", urn, indicator)
	if err != nil {
		return nil, err
	}
	rows = append(rows, ref...)
	// A school with rows exists; only an empty answer needs the header read
	// to tell an unknown school from one with no figure for the indicator.
	if len(rows) == 0 {
		if _, err := s.school(ctx, urn); err != nil {
			return nil, err
		}
	}
	if _, err := s.Indicator(ctx, indicator); err != nil {
		return nil, err
	}
	return rows, nil
}

// school reads one school's header row; ErrNotFound for an unknown URN.
func (s *Store) school(ctx context.Context, urn string) (School, error) {
	var sc School
	err := s.scanOne(ctx, "school.info", "school "+urn, []any{urn, urn},
		&sc.URN, &sc.LAESTAB, &sc.LAOldCode, &sc.Name, &sc.Type, &sc.Phase, &sc.TypeGroup,
		&sc.LACode, &sc.LAName)
	return sc, err
}

// DefaultSchoolIndicator is the indicator a school page shows first: the EHC
// plan share when the school has it, else its first indicator (the
// school.doc_trend query applies the same rule in SQL).
func DefaultSchoolIndicator(rows []ProfileRow) string {
	for _, r := range rows {
		if r.Indicator == "roll.ehcp" {
			return r.Indicator
		}
	}
	if len(rows) > 0 {
		return rows[0].Indicator
	}
	return "roll.ehcp"
}

// Similar is a school's similar-schools comparison: the schools (the school
// itself first, rank 0), each one's figures, and a per-indicator summary.
type Similar struct {
	Schools []SimilarSchool  `json:"schools"`
	Summary []SimilarSummary `json:"summary"`
	Points  []SimilarPoint   `json:"points"`
}

// SimilarSchool is one school in the comparison with what made it similar:
// phase, type group, headcount and free school meals share (latest census).
// Rank 0 is the school itself; 1 is the nearest.
type SimilarSchool struct {
	URN       string   `json:"urn"`
	Rank      int      `json:"rank"`
	Distance  float64  `json:"distance"`
	Name      string   `json:"name"`
	Phase     string   `json:"phase"`
	TypeGroup string   `json:"type_group"`
	Census    string   `json:"census_period"`
	Roll      *float64 `json:"roll"`
	FSMPct    *float64 `json:"fsm_ever_pct"`
}

// SimilarSummary is one percentage indicator: the school's latest figure and
// the lowest, median and highest among its similar schools in that period.
type SimilarSummary struct {
	Indicator  string   `json:"indicator"`
	Title      string   `json:"title"`
	Period     string   `json:"period"`
	Unit       string   `json:"unit"`
	Value      *float64 `json:"value"`
	Status     string   `json:"status"`
	Percentile *float64 `json:"percentile"`
	Peers      int      `json:"peers_with_value"`
	Lower      int      `json:"peers_lower"`  // of Peers, strictly lower than Value
	Higher     int      `json:"peers_higher"` // of Peers, strictly higher than Value
	Min        *float64 `json:"peer_min"`
	Median     *float64 `json:"peer_median"`
	Max        *float64 `json:"peer_max"`
}

// SimilarPoint is one school's figure for one percentage indicator in the
// period of the school's own latest figure. Rank 0 is the school itself.
type SimilarPoint struct {
	URN        string   `json:"urn"`
	Rank       int      `json:"rank"`
	Name       string   `json:"name"`
	Indicator  string   `json:"indicator"`
	Period     string   `json:"period"`
	Value      *float64 `json:"value"`
	Status     string   `json:"status"`
	Unit       string   `json:"unit"`
	Percentile *float64 `json:"percentile"`
}

// SimilarSchools returns the school's similar-schools comparison;
// ErrNotFound for an unknown URN (every known school has its own rank-0 row).
func (s *Store) SimilarSchools(ctx context.Context, urn string) (*Similar, error) {
	p, err := s.SchoolPage(ctx, urn, "")
	if err != nil {
		return nil, err
	}
	return p.Similar, nil
}

// MaxCompare is the most schools CompareSchools reads at once (SPEC.md,
// "Pages a user expects": compare 2-6 schools).
const MaxCompare = 6

// CompareSchools returns the profiles of up to MaxCompare schools in the
// order given (none for none), read in one query; ErrNotFound if any URN is
// unknown.
func (s *Store) CompareSchools(ctx context.Context, urns []string) ([]SchoolProfile, error) {
	if len(urns) > MaxCompare {
		return nil, fmt.Errorf("compare %d schools: at most %d", len(urns), MaxCompare)
	}
	out := make([]SchoolProfile, len(urns))
	if len(urns) == 0 {
		return out, nil
	}
	args := make([]any, MaxCompare)
	for i := range args {
		args[i] = urns[min(i, len(urns)-1)]
	}
	blobs := make(map[string][]byte, len(urns))
	err := eachRow(ctx, s, "school.doc_profiles", args, func(r *sql.Rows) error {
		var urn string
		var blob []byte
		err := r.Scan(&urn, &blob)
		blobs[urn] = blob
		return err
	})
	if err != nil {
		return nil, err
	}
	for i, u := range urns {
		blob, ok := blobs[u]
		if !ok {
			return nil, fmt.Errorf("school %s: %w", u, ErrNotFound)
		}
		if err := s.profileFromDoc(ctx, u, blob, &out[i]); err != nil {
			return nil, err
		}
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
