package web

import (
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// theme is one section of an LA or England page: indicators that answer one
// question, shown together.
type theme struct {
	ID    string // the indicator id prefix, e.g. "excl"; also the section anchor
	Title string
	Intro string
}

// themes, in page order. An indicator belongs to the theme named by its id's
// first part (excl.ratio is in "excl"); unknown prefixes go to "other".
var themes = []theme{
	{"roll", "SEND pupils on roll",
		"Pupils with an EHC plan or on SEN support as a share of all pupils, January school census."},
	{"ehcp", "EHC plans: timeliness and placement",
		"How quickly new education, health and care plans are issued, and where children with plans go to school."},
	{"tribunal", "SEND Tribunal appeals",
		"Appeals to the SEND Tribunal against the local authority's decisions, as a share of the decisions that could be appealed."},
	{"excl", "Suspensions and exclusions",
		"Suspension and exclusion rates by SEN group, and how much more often pupils with SEN are excluded than pupils without."},
	{"attend", "Absence", "Sessions missed and persistent absence."},
	{"outcome", "Outcomes", "Attainment and progress at key stage 4, and sustained destinations afterwards."},
	{"moves", "School moves", "Changes in the roll, a proxy: pupil-level moves are not published."},
	{"other", "Other indicators", ""},
}

// headlineGroups is the order in which a group is chosen as an indicator's
// headline: all pupils first, then the group the SPEC puts first for that
// indicator (plans excluding exceptions; pupils with an EHC plan; the
// mainstream share of placements).
var headlineGroups = []string{"all", "excl_exceptions", "ehcp", "ehcp_suspension", "mainstream",
	"a8_ehcp", "p8_ehcp", "any_sen", "sen_support"}

// indicatorBlock is one indicator on a themed page: its headline figure and
// every group's latest figure (shown in a <details> when there are several).
type indicatorBlock struct {
	Indicator string
	Title     string
	Caveat    string
	Polarity  string
	Headline  store.ProfileRow
	Groups    []store.ProfileRow
	Open      bool // the indicator the page was asked about: its groups start open
}

// themeBlock is one theme's section with its indicators in catalogue order.
type themeBlock struct {
	theme
	Indicators []indicatorBlock
}

func themeOf(indicator string) string {
	prefix, _, _ := strings.Cut(indicator, ".")
	for _, t := range themes {
		if t.ID == prefix {
			return prefix
		}
	}
	return "other"
}

// groupByTheme sorts profile rows (one per indicator and group) into theme
// sections. Indicators listed in skip are left out (e.g. the placement mix,
// which has its own chart). open names the indicator whose groups start open.
func groupByTheme(rows []store.ProfileRow, open string, skip ...string) []themeBlock {
	var blocks []indicatorBlock
	for _, r := range rows {
		if slices.Contains(skip, r.Indicator) {
			continue
		}
		i := slices.IndexFunc(blocks, func(b indicatorBlock) bool { return b.Indicator == r.Indicator })
		if i < 0 {
			blocks = append(blocks, indicatorBlock{Indicator: r.Indicator, Title: r.Title,
				Caveat: r.Caveat, Polarity: r.Polarity, Open: r.Indicator == open})
			i = len(blocks) - 1
		}
		blocks[i].Groups = append(blocks[i].Groups, r)
	}
	var out []themeBlock
	for _, t := range themes {
		tb := themeBlock{theme: t}
		for _, b := range blocks {
			if themeOf(b.Indicator) == t.ID {
				b.Headline = headline(b.Groups)
				tb.Indicators = append(tb.Indicators, b)
			}
		}
		if len(tb.Indicators) > 0 {
			out = append(out, tb)
		}
	}
	return out
}

// headline picks the figure that stands for an indicator: the first group
// of headlineGroups that is published (with a value or a reason it has
// none), so every LA's headline is the same group; else the first group with
// a value; else the first row.
func headline(rows []store.ProfileRow) store.ProfileRow {
	for _, g := range headlineGroups {
		for _, r := range rows {
			if r.Grp == g {
				return r
			}
		}
	}
	for _, r := range rows {
		if r.Value != nil {
			return r
		}
	}
	return rows[0]
}

// headlineGroup is the group an indicator's trend shows by default.
func headlineGroup(groups []string) string {
	for _, g := range headlineGroups {
		if slices.Contains(groups, g) {
			return g
		}
	}
	if len(groups) > 0 {
		return groups[0]
	}
	return ""
}

// missingThemes lists the themes (of those wanted) that have no section, so
// a page can say what the loaded data does not cover instead of going quiet.
func missingThemes(shown []themeBlock, wanted ...string) []theme {
	var out []theme
	for _, t := range themes {
		if slices.Contains(wanted, t.ID) && !slices.ContainsFunc(shown, func(b themeBlock) bool { return b.ID == t.ID }) {
			out = append(out, t)
		}
	}
	return out
}

// withTheme makes sure a theme has a section, even with no indicator rows,
// because the page puts something else there (e.g. the placement chart).
func withTheme(blocks []themeBlock, id string) []themeBlock {
	if slices.ContainsFunc(blocks, func(b themeBlock) bool { return b.ID == id }) {
		return blocks
	}
	pos := func(id string) int { return slices.IndexFunc(themes, func(t theme) bool { return t.ID == id }) }
	i := slices.IndexFunc(themes, func(t theme) bool { return t.ID == id })
	if i < 0 {
		return blocks
	}
	at := len(blocks)
	for j, b := range blocks {
		if pos(b.ID) > i {
			at = j
			break
		}
	}
	return slices.Insert(blocks, at, themeBlock{theme: themes[i]})
}
