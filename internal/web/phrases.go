package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// Plain-English phrases for ranks, quartiles, percentiles and flag rules:
// what a reader needs to take from a number without a key.

// The SPEC's small numbers: a figure over fewer pupils than tooFewPupils is
// not reported, and one over fewer than rankPupils is marked and not ranked
// (here: not placed among similar schools).
const (
	tooFewPupils = 10
	rankPupils   = 30
)

// minPeers is the fewest similar schools with a figure that a school's
// figure is put in words against.
const minPeers = 3

// smallNumbers says why a figure is not placed among similar schools when
// its denominator, a count of pupils, is under the SPEC's thresholds; "" when
// it is not small.
func smallNumbers(f *store.Figure) string {
	// a ratio's denominator is a rate, and roll change's a change in roll
	if f.Denominator == nil || f.Unit == "ratio" || f.Indicator == "moves.roll" || *f.Denominator >= rankPupils {
		return ""
	}
	n := formatCount(*f.Denominator)
	if *f.Denominator < tooFewPupils {
		return "Too few pupils (" + n + ") to report or compare."
	}
	return fmt.Sprintf("Small numbers: %s pupils (fewer than %d), so not ranked against similar schools.", n, rankPupils)
}

// figurePhrase is one school figure in plain words, from its indicator's
// polarity and its standing among the similar schools whose median the
// page shows: "More pupils here have an EHC plan than at most similar
// schools (higher than 8 in 10)", with the indicator's concern ("worth
// asking why") only when higher is worse and the figure is higher. The
// direction is the figure against that median as both are printed, so the
// words always agree with the median beside them; a low figure is
// described, never praised. "" when there is nothing to say.
func figurePhrase(r *store.ProfileRow) string {
	if r == nil || r.Value == nil {
		return ""
	}
	if s := smallNumbers(&r.Figure); s != "" {
		return s
	}
	ind, ok := catalogue.Find(r.Indicator)
	if !ok {
		return ""
	}
	switch {
	case r.Similar != nil:
		return similarSentence(ind, r)
	case r.Unit == "ratio":
		// A ratio's subject carries its own comparison ("than at other
		// mainstream schools ..."): 1 means the same.
		one := 1.0
		return moreOrLess(ind, compareShown(r.Value, &one, r.Unit), "")
	}
	return ""
}

// compareShown compares two values as the page prints them: 1 when v is
// the higher, -1 the lower, 0 when they print the same.
func compareShown(v, ref *float64, unit string) int {
	a, b := formatValue(v, unit), formatValue(ref, unit)
	switch {
	case a == b:
		return 0
	case *v > *ref:
		return 1
	}
	return -1
}

// moreOrLess is "<More|Less> <subject> <than>", with the concern when a
// higher-is-worse figure is higher; "" when dir is 0.
func moreOrLess(ind catalogue.Indicator, dir int, than string) string {
	ph := ind.Phrase
	s := ph.Less
	switch dir {
	case 0:
		return ""
	case 1:
		s = ph.More
	}
	s += " " + ph.Subject
	if than != "" {
		s += " " + than
	}
	if dir > 0 && ind.Polarity == catalogue.HigherIsWorse {
		s += ": " + ph.Concern
	}
	return s + "."
}

// similarSentence places a figure among its similar schools: the direction
// from the figure against their median, the share from how many of them
// are strictly lower (or higher), so ties never count as "higher than".
func similarSentence(ind catalogue.Indicator, r *store.ProfileRow) string {
	sd := r.Similar
	if sd.Peers < minPeers {
		// One or two schools are no yardstick (the 2024/25 census sample
		// gives some schools a single similar school with a figure).
		return fmt.Sprintf("Only %d similar school%s %s a figure for %s: too few to compare.",
			sd.Peers, map[bool]string{true: "", false: "s"}[sd.Peers == 1],
			map[bool]string{true: "has", false: "have"}[sd.Peers == 1], r.Period)
	}
	dir := compareShown(r.Value, &sd.Median, r.Unit)
	if dir == 0 {
		return fmt.Sprintf("About the same as the middle of %d similar schools (%s).",
			sd.Peers, formatValue(&sd.Median, r.Unit))
	}
	beaten, word := sd.Lower, "higher"
	if dir < 0 {
		beaten, word = sd.Higher, "lower"
	}
	return moreOrLess(ind, dir, "than at "+shareWords(beaten, sd.Peers, word))
}

// shareWords is how many of n similar schools a figure is beyond:
// "most similar schools (higher than 8 in 10)"; tenths are rounded down,
// so the words never claim more than the count.
func shareWords(beaten, n int, word string) string {
	switch {
	case beaten == n:
		return fmt.Sprintf("all %d similar schools with a figure", n)
	case n < 10:
		return fmt.Sprintf("%d of the %d similar schools with a figure", beaten, n)
	}
	k := 10 * beaten / n
	most := "most"
	switch {
	case 2*beaten <= n:
		most = "about half of"
	case k >= 9:
		most = "almost all"
	}
	return fmt.Sprintf("%s similar schools (%s than %d in 10)", most, word, k)
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
