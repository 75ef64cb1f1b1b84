package demo

import (
	"math"
	"strconv"
)

// Number formats used by the published files. Every published number is
// rounded first and then printed in its shortest form ("49", "50.5"),
// except where a file pads decimals ("47.1%", "4.40%").

func itoa(n int) string { return strconv.Itoa(n) }

func round(x float64, dp int) float64 {
	p := math.Pow(10, float64(dp))
	return math.Round(x*p) / p
}

// short prints x rounded to dp decimals in its shortest form ("4.2", "12").
func short(x float64, dp int) string {
	v := round(x, dp)
	if v == 0 {
		v = 0 // never print "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// pctOf is 100*num/den, or 0 when den is 0.
func pctOf(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return 100 * float64(num) / float64(den)
}

// pct1 prints a percentage with one fixed decimal and a sign, as KS4 does ("47.1%").
func pct1(x float64) string { return strconv.FormatFloat(round(x, 1), 'f', 1, 64) + "%" }

// pct0 prints a whole percentage with a sign, as KS4 destinations do ("94%").
func pct0(x float64) string { return strconv.FormatFloat(round(x, 0), 'f', 0, 64) + "%" }

// pctTribunal prints a rate rounded to one decimal but shown with two ("4.40%").
func pctTribunal(x float64) string {
	return strconv.FormatFloat(round(x, 1), 'f', 2, 64) + "%"
}

// thousands prints n with comma grouping ("4,833"); the CSV writer then
// quotes it, as the presentation table does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// float17 prints x with 17 significant digits, reproducing the float
// artefacts that LAIT stores ("2.2000000000000002").
func float17(x float64) string { return strconv.FormatFloat(x, 'g', 17, 64) }

// clamp limits x to [lo, hi].
func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// iround rounds to the nearest integer.
func iround(x float64) int { return int(math.Round(x)) }
