package demo

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const tribunalTitle = "SEND Appeal rate table 1: Special Educational Needs - Appeal rate to the SEND Tribunal based on total appealable decisions1, by local authorities in England "

var ratePattern = regexp.MustCompile(`^\d+\.\d0%$`)

// TestTribunalTableShape checks the presentation-table quirks: title, year
// and measure rows, CAPITALS regions, footnote digits, quoted thousands,
// " - ", " .. ", " x " and a footnote spanning several lines.
func TestTribunalTableShape(t *testing.T) {
	path := filepath.Join(demo(t), "send_tribunal_appeal_rate_by_la.csv")
	rows := readCSV(t, path)
	w := testWorld()
	width := 2 + 3*w.cal.n + 2
	for n, r := range rows {
		if len(r) != width {
			t.Fatalf("row %d has %d cells, want %d", n+1, len(r), width)
		}
	}
	if !strings.HasPrefix(rows[0][0], tribunalTitle) || !strings.HasSuffix(rows[0][0], "20242,3") {
		t.Errorf("title %q", rows[0][0])
	}
	if rows[3][0] != "Local Authority" || rows[3][2] != "2019" || rows[3][width-5] != "2024" {
		t.Errorf("year row %q", rows[3])
	}
	cells := map[string]bool{}
	for _, r := range rows {
		for _, c := range r {
			cells[c] = true
		}
	}
	for _, want := range []string{"NORTHMARCH", "England Total4,9", " - ", " .. ", " x ", "Appeals registered4",
		"Total Appealable Decisions1,9", "In development: SEND Tribunal Appeal Rate2"} {
		if !cells[want] {
			t.Errorf("no cell %q", want)
		}
	}
	raw, _ := os.ReadFile(path)
	for _, want := range []string{"\uFEFF\"SEND", ",\"1,", "\r\n", "following:\n- Number"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("raw file lacks %q", want)
		}
	}
	rates := 0
	for _, r := range rows[5:] {
		rates += len(slices.DeleteFunc(slices.Clone(r), func(c string) bool { return !ratePattern.MatchString(c) }))
	}
	if rates < 50 {
		t.Errorf("only %d rates like 4.40%%", rates)
	}
}

// TestTribunalMatchesRealLayout compares labels and fixed wording with the
// real table when SENDASH_REAL_DATA is set.
func TestTribunalMatchesRealLayout(t *testing.T) {
	root := realData()
	if root == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	real := readCSV(t, filepath.Join(root, "tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv"))
	ours := readCSV(t, filepath.Join(demo(t), "send_tribunal_appeal_rate_by_la.csv"))
	if !strings.HasPrefix(real[0][0], tribunalTitle) {
		t.Errorf("real title %q", real[0][0])
	}
	if !slices.Equal(real[3][:2], ours[3][:2]) {
		t.Errorf("year row starts %q, real %q", ours[3][:2], real[3][:2])
	}
	labels := func(r []string) []string {
		out := slices.Compact(slices.Sorted(slices.Values(r)))
		return out
	}
	if !slices.Equal(labels(real[4]), labels(ours[4])) {
		t.Errorf("measure labels %q, real %q", labels(ours[4]), labels(real[4]))
	}
	for _, note := range []string{tribunalNote1, tribunalNote2, tribunalNote3, tribunalNote4, tribunalNote9, ".. Not Available", "~ Suppressed "} {
		found := false
		for _, r := range real {
			found = found || r[0] == note
		}
		if !found {
			t.Errorf("real table has no footnote %.40q", note)
		}
	}
}
