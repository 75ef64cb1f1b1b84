package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/charts"
)

// funcs are the template helpers: formatting only, never arithmetic on figures
// beyond rounding for display.
var funcs = template.FuncMap{
	"num":         formatValue,
	"statusLabel": statusLabel,
	"statusClass": statusClass,
	"percentile":  percentilePhrase,
	"rank":        rankPhrase,
	"group":       charts.GroupLabel,
	"count":       formatCount,
	"short":       func(s string) string { return s[:min(len(s), 12)] },
	"join":        strings.Join,
	"slice2":      func(a, b string) []string { return []string{a, b} },
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

// percentilePhrase turns a percentile among similar schools into words:
// "higher than 8 in 10 similar schools".
func percentilePhrase(p *float64) string {
	if p == nil {
		return ""
	}
	n := int(math.Round(*p / 10))
	switch {
	case n <= 0:
		return "lower than almost all similar schools"
	case n >= 10:
		return "higher than almost all similar schools"
	}
	return fmt.Sprintf("higher than %d in 10 similar schools", n)
}

// rankPhrase says where an LA ranks: "3rd highest of 152".
func rankPhrase(rank, of *int64) string {
	if rank == nil {
		return ""
	}
	s := ordinal(*rank) + " highest"
	if of != nil {
		s += " of " + strconv.FormatInt(*of, 10)
	}
	return s
}

func ordinal(n int64) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.FormatInt(n, 10) + suffix
}
