package web

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// schoolSummary is the paragraph at the top of a school page: the three
// things a parent should look at, in short plain sentences with the year.
// Its share of pupils with an EHC plan against similar schools; the
// higher-is-worse figure (absence, suspensions, exclusions) furthest above
// the similar schools' median, or that none is above it; and its results
// or destinations after year 11. Each comparison is figurePhrase's, so the
// paragraph says what the figures table says.
func schoolSummary(p *store.SchoolProfile) string {
	var out []string
	if s := sendShareSentence(p); s != "" {
		out = append(out, s)
	}
	if s := concernSentence(p.Figures); s != "" {
		out = append(out, s)
	}
	if s := outcomeSentence(p.Figures); s != "" {
		out = append(out, s)
	}
	if len(out) == 0 {
		return fmt.Sprintf("%s has %d published figures and %d flags.", schoolName(p.School.Name, p.School.URN), len(p.Figures), len(p.Flags))
	}
	return strings.Join(out, " ")
}

// allPupils returns the school's all-pupils figure for an indicator with a
// value, or nil.
func allPupils(rows []store.ProfileRow, ind string) *store.ProfileRow {
	for i := range rows {
		if r := &rows[i]; r.Indicator == ind && r.Grp == "all" && r.Value != nil {
			return r
		}
	}
	return nil
}

// when is a figure's time in words: a census share is January's count
// ("In January 2019"), any other school-year figure its year ("In
// 2018/19").
func when(r *store.ProfileRow) string {
	if catalogue.ThemeOf(r.Indicator) == "roll" && r.PeriodType == "academic" && len(r.Period) == 7 && r.Period[4] == '/' {
		return "In January " + r.Period[:2] + r.Period[5:]
	}
	return "In " + r.Period
}

// inFigures leads into a comparison phrase, which is in the present
// tense as the figures table gives it: "In the 2016/17 figures, more
// permanent exclusions are made here ..." ("In 2016/17, ... are made"
// would mix tenses).
func inFigures(r *store.ProfileRow) string {
	return "In the " + r.Period + " figures, "
}

// lowerFirst lower-cases a sentence's first letter, to follow "In 2019, ".
func lowerFirst(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(c)) + s[n:]
}

// sendShareSentence describes the EHC plan share (explaining the term once)
// and places it among similar schools; described, never praised or blamed.
func sendShareSentence(p *store.SchoolProfile) string {
	r := allPupils(p.Figures, "roll.ehcp")
	if r == nil {
		return ""
	}
	s := fmt.Sprintf("%s, %s of pupils at %s had an EHC plan (a plan for extra help with special educational needs).",
		when(r), formatValue(r.Value, r.Unit), schoolName(p.School.Name, p.School.URN))
	if w := figurePhrase(r); strings.HasPrefix(w, "About") {
		s += " That is " + lowerFirst(w)
	} else if w != "" {
		s += " " + w
	}
	return s
}

// concernSentence names the higher-is-worse figure furthest above its
// similar schools' median (by the share of them it is higher than), with
// its concern; or says that none of them is above the median. A figure
// below the median is described, never called good.
func concernSentence(rows []store.ProfileRow) string {
	var top *store.ProfileRow
	var judged []*store.ProfileRow
	for i := range rows {
		r := &rows[i]
		if r.Grp != "all" || r.Value == nil || r.Similar == nil ||
			r.Polarity != string(catalogue.HigherIsWorse) || smallNumbers(&r.Figure) != "" {
			continue
		}
		judged = append(judged, r)
		if compareShown(r.Value, &r.Similar.Median, r.Unit) > 0 &&
			(top == nil || r.Similar.Lower*top.Similar.Peers > top.Similar.Lower*r.Similar.Peers) {
			top = r
		}
	}
	switch {
	case top != nil:
		return inFigures(top) + lowerFirst(figurePhrase(top))
	case len(judged) == 0:
		return ""
	}
	names := make([]string, len(judged))
	years := map[string]bool{}
	var periods []string
	for i, r := range judged {
		names[i] = strings.ToLower(r.Title)
		if !years[r.Period] {
			years[r.Period] = true
			periods = append(periods, r.Period)
		}
	}
	verb := "were"
	if len(names) == 1 {
		verb = "was"
	}
	return fmt.Sprintf("In %s, %s here %s not above the middle of similar schools.",
		listWords(periods), listWords(names), verb)
}

// outcomeSentence is the school's destinations after year 11, or its
// Attainment 8, among similar schools where they are compared, else
// against England.
func outcomeSentence(rows []store.ProfileRow) string {
	for _, ind := range []string{"outcome.dest", "outcome.ks4.att8", "outcome.ks4.p8"} {
		r := allPupils(rows, ind)
		if r == nil {
			continue
		}
		small := smallNumbers(&r.Figure)
		if w := figurePhrase(r); w != "" && small == "" {
			return inFigures(r) + lowerFirst(w)
		}
		s := fmt.Sprintf("%s, %s here was %s", when(r), r.Title, formatValue(r.Value, r.Unit))
		if r.EnglandValue != nil {
			s += fmt.Sprintf(" (England: %s)", formatValue(r.EnglandValue, r.Unit))
		}
		if small != "" {
			s += ". " + small
		}
		return strings.TrimSuffix(s, ".") + "."
	}
	return ""
}

// listWords joins words as prose: "a", "a and b", "a, b and c".
func listWords(w []string) string {
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}
