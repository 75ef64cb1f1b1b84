package store

import (
	"context"
	"database/sql"
)

// FlagUnjudged is a rule that could not be judged for an area (too few years
// or figures): the page says "not enough years to judge" for it, never that
// no rule fired (SPEC, Comparisons and flags).
type FlagUnjudged struct {
	RuleID    string `json:"rule_id"`
	RuleText  string `json:"rule_text"`
	Indicator string `json:"indicator"`
	Reason    string `json:"reason"`
}

// Unjudged returns the rules that could not be judged for one area at a level
// ("school" or "la"). The store reads flag_unjudged once and keeps it by area.
func (s *Store) Unjudged(ctx context.Context, level, code string) ([]FlagUnjudged, error) {
	all, err := kept(s, &s.unjudged, func() (*map[string][]FlagUnjudged, error) {
		m, err := s.readUnjudged(ctx)
		return &m, err
	})
	if err != nil {
		return nil, err
	}
	return (*all)[level+"|"+code], nil
}

// readUnjudged runs meta.flag_unjudged, grouping its rows by level and code.
// The real files give about 38,000 rows, most with one of a few rule texts
// and reasons: each distinct string is kept once (about 9 MB less heap).
func (s *Store) readUnjudged(ctx context.Context) (map[string][]FlagUnjudged, error) {
	out := map[string][]FlagUnjudged{}
	seen := map[string]string{}
	once := func(v string) string {
		if w, ok := seen[v]; ok {
			return w
		}
		seen[v] = v
		return v
	}
	err := eachRow(ctx, s, "meta.flag_unjudged", nil, func(r *sql.Rows) error {
		var level, code string
		var u FlagUnjudged
		err := r.Scan(&level, &code, &u.RuleID, &u.RuleText, &u.Indicator, &u.Reason)
		u.RuleID, u.RuleText, u.Indicator, u.Reason = once(u.RuleID), once(u.RuleText), once(u.Indicator), once(u.Reason)
		out[level+"|"+code] = append(out[level+"|"+code], u)
		return err
	})
	return out, err
}
