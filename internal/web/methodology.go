package web

import (
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// methodologyPage is the catalogue in words: one section per indicator and
// the flag rules, each with a stable anchor (ind-<id>, rule-<id>) that
// figures and flags elsewhere link to.
type methodologyPage struct {
	Indicators []methodologyIndicator
	Rules      []methodologyRule
}

type methodologyIndicator struct {
	store.IndicatorInfo
	Covers   string // "schools, local authorities, regions and England"
	UnitText string // "a percentage", "a score", …
	Concern  string // "higher is a concern", "higher is better", ""
	League   bool   // has an LA league table
}

type methodologyRule struct {
	store.FlagRule
	IndicatorTitle string
}

// methodology lists every indicator definition and flag rule.
func (s *server) methodology(c *echo.Context) (*pageResult, error) {
	cat, err := s.st.Indicators(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var p methodologyPage
	titles := map[string]string{}
	for _, i := range cat.Indicators {
		titles[i.ID] = i.Title
		levels := strings.Split(i.Levels, ",")
		var words []string
		for _, l := range levels {
			words = append(words, levelWords(strings.TrimSpace(l)))
		}
		p.Indicators = append(p.Indicators, methodologyIndicator{IndicatorInfo: i,
			Covers: andList(words), UnitText: unitWords(i.Unit), Concern: polarityNote(i.Polarity),
			League: strings.Contains(i.Levels, "la")})
	}
	for _, r := range cat.Rules {
		p.Rules = append(p.Rules, methodologyRule{FlagRule: r, IndicatorTitle: titles[r.Indicator]})
	}
	return &pageResult{Template: "methodology", Title: "Methodology", Data: p, API: cat,
		Tables: tables("", tableOf(cat.Indicators), "flag_rules", tableOf(cat.Rules)),
		File:   "methodology"}, nil
}

// levelWords names a catalogue level for a reader.
func levelWords(level string) string {
	switch level {
	case "school":
		return "schools"
	case "la":
		return "local authorities"
	case "region":
		return "regions"
	case "england":
		return "England"
	}
	return level
}

// unitWords says what kind of number an indicator is.
func unitWords(unit string) string {
	switch unit {
	case "%":
		return "a percentage"
	case "ratio":
		return "a ratio (1.0 is the same as the comparison group)"
	case "score":
		return "a score, as published"
	case "count":
		return "a count"
	case "":
		return "no unit"
	}
	return unit
}
