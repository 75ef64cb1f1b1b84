package web

import (
	"fmt"
	"html/template"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// funcs are the template helpers: formatting only, never arithmetic on figures
// beyond rounding for display.
var funcs = template.FuncMap{
	"num":         formatValue,
	"statusLabel": statusLabel,
	"statusClass": statusClass,
	"percentile":  percentilePhrase,
	"rank":        rankPhrase,
	"standing":    standingPhrase,
	"quartile":    func(q *int64) string { return quartileWords(*q) },
	"quartileShort": func(q *int64) string {
		switch *q {
		case 1:
			return "1 (highest)"
		case 4:
			return "4 (lowest)"
		}
		return strconv.FormatInt(*q, 10)
	},
	"numden":    numDen,
	"polarity":  polarityNote,
	"group":     charts.GroupLabel,
	"count":     formatCount,
	"short":     func(s string) string { return s[:min(len(s), 12)] },
	"join":      strings.Join,
	"slice2":    func(a, b string) []string { return []string{a, b} },
	"basename":  path.Base,
	"dirname":   dirName,
	"threshold": ruleThreshold,
	"ruleYears": ruleYears,
	"sub1":      func(n int) int { return n - 1 },
	"pivotArgs": func(p pivot, caption, id string) pivotArgs { return pivotArgs{p, caption, id} },
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

// percentilePhrase turns a percentile among similar schools (the share of
// them with a lower value) into words: "higher than 8 in 10 similar
// schools". 0 means none is lower, which includes ties at the bottom.
func percentilePhrase(p *float64) string {
	if p == nil {
		return ""
	}
	n := int(math.Round(*p / 10))
	switch {
	case *p <= 0:
		return "no similar school has a lower figure"
	case n <= 0:
		return "among the lowest of similar schools"
	case n >= 10:
		return "higher than almost all similar schools"
	}
	return fmt.Sprintf("higher than %d in 10 similar schools", n)
}

// rankPhrase says where an LA ranks: "3rd highest of 152 LAs", "lowest of
// 152 LAs", "2nd lowest of 152 LAs" (rank 1 is the highest value).
func rankPhrase(rank, of *int64) string {
	if rank == nil {
		return ""
	}
	if of == nil || *of <= 0 {
		return ordinal(*rank) + " highest"
	}
	n, r := *of, *rank
	las := " of " + strconv.FormatInt(n, 10) + " LAs"
	switch {
	case r == 1:
		return "highest" + las
	case r == n:
		return "lowest" + las
	case r > n/2:
		return ordinal(n-r+1) + " lowest" + las
	}
	return ordinal(r) + " highest" + las
}

// quartileWords names a quartile among LAs (1 holds the highest values).
func quartileWords(q int64) string {
	switch q {
	case 1:
		return "highest quartile"
	case 2:
		return "second-highest quartile"
	case 3:
		return "second-lowest quartile"
	case 4:
		return "lowest quartile"
	}
	return ""
}

// standingPhrase is an LA's rank and quartile in plain English:
// "4th highest of 152 LAs; highest quartile".
func standingPhrase(rank, of, quartile *int64) string {
	s := rankPhrase(rank, of)
	if quartile != nil {
		if q := quartileWords(*quartile); q != "" {
			if s != "" {
				s += "; "
			}
			s += q
		}
	}
	return s
}

// polarityNote says which way is a concern, for a reader scanning ranks.
func polarityNote(polarity string) string {
	switch polarity {
	case "higher_is_worse":
		return "higher is a concern"
	case "higher_is_better":
		return "higher is better"
	}
	return ""
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

// ruleThreshold prints a flag rule's threshold as its rule uses it: a
// quartile, a percentage, a ratio or percentage points.
func ruleThreshold(r store.FlagRule) string {
	if r.Threshold == nil {
		return "none"
	}
	t := strconv.FormatFloat(*r.Threshold, 'f', -1, 64)
	text := strings.ToLower(r.RuleText)
	switch {
	case strings.Contains(text, "quartile"):
		return "quartile " + t
	case strings.Contains(text, "percentage point"):
		return t + " percentage point" + plural(*r.Threshold)
	case strings.Contains(text, "%") || strings.Contains(text, "per cent"):
		return t + "%"
	case strings.Contains(text, "times"):
		return t + " times"
	}
	return t
}

// ruleYears says how many years a rule needs: "3 of the last 4 years".
func ruleYears(r store.FlagRule) string {
	switch {
	case r.MinYears == nil && r.WindowYears == nil:
		return ""
	case r.WindowYears == nil:
		return fmt.Sprintf("%d year%s", *r.MinYears, plural(float64(*r.MinYears)))
	case r.MinYears == nil || *r.MinYears == *r.WindowYears:
		if *r.WindowYears == 1 {
			return "any single year (each one it fired in is listed)"
		}
		return fmt.Sprintf("each of %d years", *r.WindowYears)
	}
	return fmt.Sprintf("%d of the last %d years", *r.MinYears, *r.WindowYears)
}

func plural(n float64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
