package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// IndicatorInfo is one entry of the indicator catalogue.
type IndicatorInfo struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Levels     string `json:"levels"`
	Unit       string `json:"unit"`
	Polarity   string `json:"polarity"`
	Definition string `json:"definition"`
	Caveat     string `json:"caveat"`
	Sources    string `json:"sources"`
}

// FlagRule is one rule that can raise a flag.
type FlagRule struct {
	ID          string   `json:"id"`
	Level       string   `json:"level"`
	Indicator   string   `json:"indicator"`
	RuleText    string   `json:"rule_text"`
	Threshold   *float64 `json:"threshold"`
	WindowYears *int64   `json:"window_years"`
	MinYears    *int64   `json:"min_years"`
}

// Flag is a rule that fired for an area, with the years and values behind it.
type Flag struct {
	RuleID    string `json:"rule_id"`
	Level     string `json:"level"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Periods   string `json:"periods"`
	Detail    string `json:"detail"`
	RuleText  string `json:"rule_text"`
	Indicator string `json:"indicator"`
}

// Catalogue is the methodology page: every indicator and flag rule.
type Catalogue struct {
	Indicators []IndicatorInfo `json:"indicators"`
	Rules      []FlagRule      `json:"flag_rules"`
}

// title is an indicator's title, or its id when the catalogue lacks it.
func (c *Catalogue) title(id string) string {
	for _, i := range c.Indicators {
		if i.ID == id {
			return i.Title
		}
	}
	return id
}

// Indicators returns the indicator catalogue and the flag rules, read once
// and kept: pages look indicators up on every request.
func (s *Store) Indicators(ctx context.Context) (*Catalogue, error) {
	c, err := kept(s, &s.cat, func() (*Catalogue, error) { return s.readCatalogue(ctx) })
	if err != nil {
		return nil, err
	}
	return &Catalogue{Indicators: slices.Clone(c.Indicators), Rules: slices.Clone(c.Rules)}, nil
}

func (s *Store) readCatalogue(ctx context.Context) (*Catalogue, error) {
	c := &Catalogue{}
	err := eachRow(ctx, s, "meta.indicators", nil, func(r *sql.Rows) error {
		var i IndicatorInfo
		err := r.Scan(&i.ID, &i.Title, &i.Levels, &i.Unit, &i.Polarity, &i.Definition, &i.Caveat, &i.Sources)
		c.Indicators = append(c.Indicators, i)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s, "meta.flag_rules", nil, func(r *sql.Rows) error {
		var f FlagRule
		var th sql.NullFloat64
		var w, m sql.NullInt64
		err := r.Scan(&f.ID, &f.Level, &f.Indicator, &f.RuleText, &th, &w, &m)
		f.Threshold, f.WindowYears, f.MinYears = fptr(th), iptr(w), iptr(m)
		c.Rules = append(c.Rules, f)
		return err
	})
	return c, err
}

// LeagueIndicators returns the catalogue entries that have LA figures: the
// league tables worth linking to.
func (s *Store) LeagueIndicators(ctx context.Context) ([]IndicatorInfo, error) {
	out, err := kept(s, &s.leagues, func() (*[]IndicatorInfo, error) {
		var out []IndicatorInfo
		err := eachRow(ctx, s, "meta.league_indicators", nil, func(r *sql.Rows) error {
			var i IndicatorInfo
			err := r.Scan(&i.ID, &i.Title, &i.Levels, &i.Unit, &i.Polarity, &i.Definition, &i.Caveat, &i.Sources)
			out = append(out, i)
			return err
		})
		return &out, err
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(*out), nil
}

// Indicator returns one catalogue entry; ErrNotFound for an unknown id.
func (s *Store) Indicator(ctx context.Context, id string) (*IndicatorInfo, error) {
	c, err := s.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	for _, i := range c.Indicators {
		if i.ID == id {
			return &i, nil
		}
	}
	return nil, fmt.Errorf("indicator %q: %w", id, ErrNotFound)
}

// Flags returns the flags raised at a level ("school" or "la") for one area
// (URN or old LA code), or for every area when code is empty. The store
// reads the whole (small) flag table once, keeps it and filters it.
func (s *Store) Flags(ctx context.Context, level, code string) ([]Flag, error) {
	all, err := kept(s, &s.flags, func() (*[]Flag, error) {
		f, err := s.readFlags(ctx)
		return &f, err
	})
	if err != nil {
		return nil, err
	}
	var out []Flag
	for _, f := range *all {
		if f.Level == level && (code == "" || f.Code == code) {
			out = append(out, f)
		}
	}
	return out, nil
}

// readFlags runs meta.flags: every flag raised.
func (s *Store) readFlags(ctx context.Context) ([]Flag, error) {
	var out []Flag
	err := eachRow(ctx, s, "meta.flags", nil, func(r *sql.Rows) error {
		var f Flag
		err := r.Scan(&f.RuleID, &f.Level, &f.Code, &f.Name, &f.Periods, &f.Detail, &f.RuleText, &f.Indicator)
		out = append(out, f)
		return err
	})
	return out, err
}

// Source is one loaded file and its provenance.
type Source struct {
	ID        int        `json:"source_id"`
	Path      string     `json:"path"`
	SHA256    string     `json:"sha256"`
	Bytes     int64      `json:"bytes"`
	Format    string     `json:"format"`
	Dataset   string     `json:"dataset"`
	Title     string     `json:"title"`
	Publisher string     `json:"publisher"`
	Licence   string     `json:"licence"`
	Rows      int64      `json:"rows"`
	Years     string     `json:"years"`
	Newest    string     `json:"newest_year"` // the last of Years
	LoadedAt  *time.Time `json:"loaded_at"`
	Warnings  string     `json:"warnings"`
}

// NotLoaded is a file the ingest found but did not load, and why.
type NotLoaded struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Reason string `json:"reason"`
}

// SourceList is the sources page: every loaded file and every file that was
// found but not loaded.
type SourceList struct {
	Files     []Source    `json:"files"`
	NotLoaded []NotLoaded `json:"not_loaded"`
}

// Sources returns every loaded source file and every file not loaded.
func (s *Store) Sources(ctx context.Context) (*SourceList, error) {
	out := &SourceList{}
	err := eachRow(ctx, s, "meta.sources", nil, func(r *sql.Rows) error {
		var x Source
		var at sql.NullTime
		err := r.Scan(&x.ID, &x.Path, &x.SHA256, &x.Bytes, &x.Format, &x.Dataset, &x.Title,
			&x.Publisher, &x.Licence, &x.Rows, &x.Years, &x.Newest, &at, &x.Warnings)
		if at.Valid {
			x.LoadedAt = &at.Time
		}
		out.Files = append(out.Files, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s, "meta.not_loaded", nil, func(r *sql.Rows) error {
		var x NotLoaded
		err := r.Scan(&x.Path, &x.SHA256, &x.Reason)
		out.NotLoaded = append(out.NotLoaded, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// BuildID returns the database build id (a hash of the loaded files).
func (s *Store) BuildID(ctx context.Context) (string, error) {
	var id string
	err := s.DB.QueryRowContext(ctx, s.Q.Get("meta.build_id")).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("build id: %w", ErrNotFound)
	}
	return id, err
}

// SchemaVersion is the fingerprint of the SQL that built the database
// (queries.Set.SchemaVersion); "" for a database built before it was kept.
func (s *Store) SchemaVersion(ctx context.Context) (string, error) {
	var v string
	err := s.DB.QueryRowContext(ctx, s.Q.Get("meta.schema_version")).Scan(&v)
	return v, err
}

// IsDemo reports whether the database holds the demo data set.
func (s *Store) IsDemo(ctx context.Context) (bool, error) {
	var demo bool
	err := s.DB.QueryRowContext(ctx, s.Q.Get("meta.demo")).Scan(&demo)
	if err != nil {
		return false, fmt.Errorf("meta.demo: %w", err)
	}
	return demo, nil
}

// eachRow runs a named query and calls fn for each row.
func eachRow(ctx context.Context, s *Store, name string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.query(ctx, name, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
