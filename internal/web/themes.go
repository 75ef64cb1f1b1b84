package web

import (
	"slices"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// theme is one section of an LA or England page (catalogue.Themes, in
// page order): indicators that answer one question, shown together.
type theme = catalogue.Theme

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
	for _, t := range catalogue.Themes() {
		tb := themeBlock{theme: t}
		for _, b := range blocks {
			if catalogue.ThemeOf(b.Indicator) == t.ID {
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

// headline picks the figure that stands for an indicator: the first of its
// catalogue headline groups that is published (with a value or a reason it
// has none), so every LA's headline is the same group; else the first group
// with a value; else the first row.
func headline(rows []store.ProfileRow) store.ProfileRow {
	for _, g := range catalogue.HeadlineOf(rows[0].Indicator) {
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
func headlineGroup(indicator string, groups []string) string {
	for _, g := range catalogue.HeadlineOf(indicator) {
		if slices.Contains(groups, g) {
			return g
		}
	}
	if len(groups) > 0 {
		return groups[0]
	}
	return ""
}

// missingLAThemes lists the LA page's themes that have no section, so the
// page can say what the loaded data does not cover instead of going quiet.
func missingLAThemes(shown []themeBlock) []theme {
	var out []theme
	for _, t := range catalogue.Themes() {
		if t.LA && !slices.ContainsFunc(shown, func(b themeBlock) bool { return b.ID == t.ID }) {
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
	themes := catalogue.Themes()
	pos := func(id string) int { return slices.IndexFunc(themes, func(t theme) bool { return t.ID == id }) }
	i := pos(id)
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
