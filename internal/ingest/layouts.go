package ingest

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The columns each performance-tables load reads (Format.Required): a file
// with a family's key columns but not these is refused by name.
var (
	censusCols = []string{"URN", "LA", "ESTAB", "SCHOOLTYPE", "NOR", "TSENELSE", "PSENELSE", "TSENELK", "PSENELK",
		"NUMFSM", "NUMFSMEVER", "PNUMFSMEVER", "PNUMEAL"}
	absenceCols = []string{"URN", "LA", "ESTAB", "PERCTOT", "PPERSABS10"}
	ks4Cols     = []string{"URN", "LEA", "ESTAB", "SCHNAME", "RECTYPE", "NFTYPE", "TPUP", "ATT8SCR", "P8MEA",
		"P8CILOW", "P8CIUPP", "P8PUP"}
	destCols = []string{"URN", "LEA", "ESTAB", "SCHNAME", "RECTYPE", "NFTYPE", "COHORT", "OVERALL_DEST", "OVERALL_DESTPER"}
	// The two earlier cohorts a destinations download repeats, as staged
	// by destEarlierNames: PREV1 is the cohort a year before the file's own.
	destEarlierCols = []string{"COHORT_PREV1", "OVERALL_DESTPER_PREV1", "COHORT_PREV2", "OVERALL_DESTPER_PREV2"}
	// The EES school-level SEN file (URN, counts, counts by primary need).
	eesSENSchoolCols = []string{"time_period", "URN", "Total pupils", "SEN support", "EHC plan"}
)

var destEarlierRe = regexp.MustCompile(`^(COHORT|OVERALL_DESTPER)_([0-9]{2})$`)

// destEarlierNames renames a destinations download's earlier-cohort columns
// (COHORT_22, OVERALL_DESTPER_22, COHORT_21, ... in the 2024-25 file;
// _18 and _17 in the 2018-19 one) to _PREV1 (the larger suffix, the cohort a
// year before the file's) and _PREV2. The suffixes are not a year one can
// compute with: checked against the national figures, the 2018-19 file's
// _18 is the cohort one year before its own and the 2024-25 file's _22 is
// too, though 2018 and 2022 are not the same distance from the file's year.
func destEarlierNames(cols []string) []string {
	var sfx []string
	for _, c := range cols {
		if m := destEarlierRe.FindStringSubmatch(c); m != nil && !contains(sfx, m[2]) {
			sfx = append(sfx, m[2])
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(sfx)))
	out := append([]string(nil), cols...)
	for i, c := range cols {
		m := destEarlierRe.FindStringSubmatch(c)
		if m == nil {
			continue
		}
		for k, s := range sfx {
			if s == m[2] && k < 2 {
				out[i] = fmt.Sprintf("%s_PREV%d", m[1], k+1)
			}
		}
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// optionalColumns stages the format's optional columns: each absent one as
// NULL, and every one with has$<name> saying whether the file had it.
func optionalColumns(cols, optional []string) string {
	var b strings.Builder
	for _, o := range optional {
		has := false
		for _, c := range cols {
			if strings.EqualFold(c, o) {
				has = true
			}
		}
		if !has {
			b.WriteString(", CAST(NULL AS VARCHAR) AS " + sqlIdent(o))
		}
		fmt.Fprintf(&b, ", %t AS %s", has, sqlIdent("has$"+o))
	}
	return b.String()
}

// newerLayout reports a file that looks like a known format by its family's
// key columns but lacks columns that format's load reads: a layout newer
// than sendash knows, refused by name rather than skipped or half-loaded.
func newerLayout(h *Head) error {
	if !h.IsText {
		return nil
	}
	for _, f := range Formats() {
		if len(f.Family) == 0 || len(h.missingCols(f.Family...)) > 0 {
			continue
		}
		if miss := h.missingCols(f.Required...); len(miss) > 0 {
			return &LoadError{Path: h.Path, Msg: fmt.Sprintf("looks like %s but lacks columns %s: a layout newer than sendash knows, not loaded",
				f.Title, strings.Join(miss, ", "))}
		}
	}
	return nil
}
