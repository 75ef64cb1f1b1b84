package web

import (
	"fmt"
	"html/template"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// funcs are the template helpers: values formatted as text (never
// arithmetic on figures beyond rounding for display), a partial's arguments
// packed into one value and link URLs (partials.go). html/template prints
// and escapes every page's HTML, but for leagueRows (league.go) and
// view.SchoolRows (laschools.go), kept in Go for speed.
var funcs = template.FuncMap{
	"num":           formatValue,
	"statusLabel":   statusLabel,
	"statusClass":   statusClass,
	"plain":         figurePhrase,
	"rowAt":         func(rs []store.ProfileRow, i int) *store.ProfileRow { return &rs[i] },
	"rank":          rankPhrase,
	"standing":      standingPhrase,
	"quartile":      func(q *int64) string { return quartileWords(*q) },
	"quartileShort": quartileShort,
	"numden":        numDen,
	"polarity":      polarityNote,
	"group":         catalogue.GroupLabel,
	"count":         formatCount,
	"short":         func(s string) string { return s[:min(len(s), 12)] },
	"join":          strings.Join,
	"slice2":        func(a, b string) []string { return []string{a, b} },
	"basename":      path.Base,
	"dirname":       dirName,
	"years":         yearsSpan,
	"schoolName":    schoolName,
	"threshold":     ruleThreshold,
	"ruleYears":     ruleYears,
	"sub1":          func(n int) int { return n - 1 },
	"pivotArgs":     func(p pivot, caption, id string) pivotArgs { return pivotArgs{p, caption, id} },
	"laRows":        newLARows,
	"comparator":    newComparatorCell,
	"compareURL":    compareURL,
	"leagueRows":    leagueRows,
	"minPeers":      func() int { return minPeers },
	"mapRows":       mapRows,
	"phaseLabel":    phaseLabel,
	"provision":     provisionSentence,
}

// schoolName is a school's name, or what to call it when none is published.
func schoolName(name, urn string) string {
	if strings.TrimSpace(name) == "" {
		return "School with URN " + urn + " (name not published)"
	}
	return name
}

// quartileShort is a quartile for a table cell: "1 (highest)", 2, 3,
// "4 (lowest)".
func quartileShort(q *int64) string {
	switch *q {
	case 1:
		return "1 (highest)"
	case 4:
		return "4 (lowest)"
	}
	return strconv.FormatInt(*q, 10)
}

// formatValue prints a figure with its unit: "4.3%", "1.25", "45.2".
func formatValue(v *float64, unit string) string {
	if v == nil || math.IsNaN(*v) {
		return ""
	}
	x := *v
	switch unit {
	case "%":
		return strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64) + "%"
	case "ratio":
		return strconv.FormatFloat(roundHalfUp(x, 2), 'f', 2, 64)
	case "count":
		return formatCount(x)
	}
	return strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64)
}

// roundHalfUp rounds to places decimals, halves away from zero (4.25 -> 4.3).
func roundHalfUp(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p+math.Copysign(1e-9, x)) / p
}

// formatCount prints a whole number with thousands separators.
func formatCount(v any) string {
	var x float64
	switch n := v.(type) {
	case float64:
		x = n
	case *float64:
		if n == nil {
			return ""
		}
		x = *n
	case int64:
		x = float64(n)
	case int:
		x = float64(n)
	default:
		return fmt.Sprint(v)
	}
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// statusLabel is the badge text shown instead of a number.
func statusLabel(status string) string {
	switch status {
	case "suppressed":
		return "suppressed"
	case "too_few":
		return "too few to report"
	case "not_published":
		return "not published"
	case "not_applicable":
		return "not applicable"
	case "", "ok":
		return ""
	}
	return strings.ReplaceAll(status, "_", " ")
}

// statusClass is the CSS class of the badge for a status.
func statusClass(status string) string {
	switch status {
	case "suppressed":
		return "badge-suppressed"
	case "too_few":
		return "badge-too-few"
	case "not_applicable":
		return "badge-not-applicable"
	}
	return "badge-not-published"
}

// numDen prints a figure's numerator and denominator in their own units:
// counts for a rate ("34 / 1,000"), percentages for a ratio of two rates
// ("4.2% / 2.1%"), the pupils covered for a published score, and the two
// changes behind the roll-change proxy.
func numDen(f store.Figure) string {
	if f.Numerator == nil && f.Denominator == nil {
		return ""
	}
	switch {
	case f.Indicator == "moves.roll":
		return "SEND pupils " + signed(f.Numerator) + "; all pupils " + signed(f.Denominator)
	case f.Unit == "ratio":
		if f.Numerator == nil || f.Denominator == nil {
			return ""
		}
		return formatValue(f.Numerator, "%") + " / " + formatValue(f.Denominator, "%")
	case f.Numerator == nil:
		if f.Unit == "score" {
			return formatCount(f.Denominator) + " pupils"
		}
		return ""
	case f.Denominator == nil:
		return formatCount(f.Numerator)
	}
	return formatCount(f.Numerator) + " / " + formatCount(f.Denominator)
}

// signed prints a change with its sign: "+15", "-3", "0".
func signed(v *float64) string {
	if v == nil {
		return "not published"
	}
	s := formatCount(v)
	if *v >= 0.5 {
		s = "+" + s
	}
	return s
}

// pivotArgs is what the "pivot" template needs: the table, its caption and
// the caption's element id.
type pivotArgs struct {
	Pivot   pivot
	Caption string
	ID      string
}

// dirName is the folder a source file was read from, or "built in to
// sendash" for the reference lists embedded in the binary.
func dirName(p string) string {
	if strings.Contains(p, "sendash-builtin") {
		return "built in to sendash"
	}
	return path.Dir(p) + "/"
}

// yearsSpan shortens a source's list of years: "2006/07, 2007/08, ...,
// 2016/17" becomes "2006/07 to 2016/17 (11 years)"; short lists and other
// wordings are kept; empty is "not dated".
func yearsSpan(s string) string {
	parts := strings.Split(s, ", ")
	switch {
	case strings.TrimSpace(s) == "":
		return "not dated"
	case len(parts) <= 3:
		return s
	}
	return fmt.Sprintf("%s to %s (%d years)", parts[0], parts[len(parts)-1], len(parts))
}
