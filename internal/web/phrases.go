package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// Plain-English phrases for ranks, quartiles, percentiles and flag rules:
// what a reader needs to take from a number without a key.

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
