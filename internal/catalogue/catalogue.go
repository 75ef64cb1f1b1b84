// Package catalogue is the one place where sendash declares what it shows:
// every indicator (title, unit, polarity, theme, levels, groups, comparators,
// definition, caveat, plain-words phrases), the words for every group code,
// the page themes in order, and the published file formats ingest
// recognises and fetch may download. Ingest writes the indicators into the
// database's indicator table, so SQL and the pages read the same text; the
// web and chart packages read the rest from here. TestCatalogue fails when an
// indicator id used in SQL or Go is missing here, or an entry here is unused.
package catalogue

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// Polarity says which way an indicator's value is a concern.
type Polarity string

// The three polarities (SPEC.md, "Plain words"). Neutral is the SPEC's
// "context": a share that is described, never praised or blamed.
const (
	HigherIsWorse  Polarity = "higher_is_worse"
	HigherIsBetter Polarity = "higher_is_better"
	Neutral        Polarity = "neutral"
)

// Indicator is one indicator of the SPEC.
type Indicator struct {
	ID       string // SPEC id, e.g. "roll.ehcp"; figure.indicator holds it
	Title    string // as headings and tables name it
	Short    string // a few words, for chart axes and narrow columns
	Unit     string // %, ratio, score or count (figure.unit)
	Polarity Polarity
	Theme    string   // the Themes entry whose section shows it
	Levels   []string // the levels it is published at: school, la, region, england
	// Groups lists the group codes the indicator is broken down by, in the
	// order tables and stacked charts list them (labels: GroupLabel).
	Groups []string
	// Headline lists, in order of preference, the groups that can stand for
	// the indicator in one figure: the first one published is shown.
	Headline []string
	// Comparators are what a figure is set against on a page.
	Comparators []string
	Definition  string
	Caveat      string
	Sources     string
	Phrase      Phrase
}

// Phrase holds the plain-words pieces for one indicator: "More pupils here
// have an EHC plan than at most similar schools". More or Less, a space and
// Subject make a clause that "than at ..." can follow; Concern is what a
// reader may do about a higher figure (empty for higher-is-better and
// neutral indicators, which are never praised or blamed).
type Phrase struct {
	Subject string // e.g. "pupils here have an EHC plan"
	More    string // the word for a higher value: "More", "Higher"
	Less    string // the word for a lower value: "Fewer", "Lower"
	Concern string // e.g. "worth asking why"
}

// Theme is one section of an LA, England or school page.
type Theme struct {
	ID    string // also the section's anchor
	Title string
	Intro string
	// LA marks the themes an LA page names as missing when it has no figure
	// for them, so a page says what the loaded data does not cover.
	LA bool
}

// Format is one published file layout: ingest recognises it by content and
// fetch may name it in the sources manifest.
type Format struct {
	ID, Title, Publisher, Licence string
}

// Find returns the indicator with the id, and whether there is one.
func Find(id string) (Indicator, bool) {
	i := slices.IndexFunc(indicators, func(x Indicator) bool { return x.ID == id })
	if i < 0 {
		return Indicator{}, false
	}
	return indicators[i], true
}

// Indicators lists every indicator in catalogue order.
func Indicators() []Indicator { return slices.Clone(indicators) }

// Themes lists the page themes in page order.
func Themes() []Theme { return slices.Clone(themes) }

// ThemeOf is the theme of an indicator; an id not in the catalogue goes to
// "other".
func ThemeOf(id string) string {
	if x, ok := Find(id); ok {
		return x.Theme
	}
	return "other"
}

// HeadlineOf lists the groups that may stand for an indicator, in order.
func HeadlineOf(id string) []string {
	x, _ := Find(id)
	return x.Headline
}

// GroupLabel turns a group code ("special_state") into words ("state
// special schools"); an unknown code has its underscores made spaces.
func GroupLabel(g string) string {
	if l, ok := groupLabels[g]; ok {
		return l
	}
	return strings.ReplaceAll(g, "_", " ")
}

// HasGroupLabel reports whether a group code has words in the catalogue.
func HasGroupLabel(g string) bool { _, ok := groupLabels[g]; return ok }

// GroupOrder orders two groups of one indicator as its Groups list does;
// groups it does not list sort last, alphabetically.
func GroupOrder(id string) func(a, b string) int {
	x, _ := Find(id)
	return func(a, b string) int {
		ia, ib := slices.Index(x.Groups, a), slices.Index(x.Groups, b)
		if ia < 0 {
			ia = len(x.Groups)
		}
		if ib < 0 {
			ib = len(x.Groups)
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	}
}

// Formats lists every file layout ingest recognises.
func Formats() []Format { return slices.Clone(formats) }

// FindFormat returns the layout with the id, and whether there is one.
func FindFormat(id string) (Format, bool) {
	i := slices.IndexFunc(formats, func(f Format) bool { return f.ID == id })
	if i < 0 {
		return Format{}, false
	}
	return formats[i], true
}

// Version is a fingerprint of the catalogue. A database records it with
// the build version, because its indicator table is copied from here.
func Version() string {
	b, err := json.Marshal([]any{indicators, groupLabels, themes, formats})
	if err != nil {
		panic(err) // plain structs of strings always marshal
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])[:16]
}
