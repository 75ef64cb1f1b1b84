package web

import (
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
)

// Words for page text that would otherwise show an internal name or repeat
// itself (TestPageTextReadsWell reads every demo page for both).

// indicatorTitle is an indicator's title from the catalogue, for text that
// would otherwise show its id ("an indicator" when the catalogue lacks it).
func indicatorTitle(id string) string {
	if i, ok := catalogue.Find(id); ok {
		return i.Title
	}
	return "an indicator"
}

// schoolTypeText is a school's type in one phrase, each word once: the
// census or GIAS type, then the phase and the type group only where the
// text so far does not already say them ("Independent school", not
// "Independent school, independent (independent)").
func schoolTypeText(typ, phase, group string) string {
	out := typ
	has := func(w string) bool { return strings.Contains(strings.ToLower(out), strings.ToLower(w)) }
	if phase != "" && !has(phase) {
		if out != "" {
			out += ", "
		}
		out += phase
	}
	if group != "" && !has(group) {
		if out == "" {
			return group
		}
		out += " (" + group + ")"
	}
	return out
}

func init() {
	funcs["indicatorTitle"] = indicatorTitle
	funcs["schoolType"] = schoolTypeText
	funcs["release"] = catalogue.ReleasePage
}

// andList joins items as a list a reader would write: "a", "a and b",
// "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
