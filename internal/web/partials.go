package web

import (
	"net/url"
	"strconv"

	"github.com/sendash/sendash/internal/store"
)

// What the row partials in templates/rows.html are given when they need
// more than one value. A template passes one value to a partial, so each of
// these packs a call's arguments; they build no HTML (html/template does,
// and escapes it).

// laRows is an LA theme's indicators with the LA they belong to, for the
// "la-headline-rows" and "la-group-tables" partials.
type laRows struct {
	Code   string // the LA's code, for the rows' links
	Name   string // its name, for the group tables' column heading
	Blocks []indicatorBlock
}

func newLARows(code, name string, blocks []indicatorBlock) laRows {
	return laRows{Code: code, Name: name, Blocks: blocks}
}

// trendLinkArgs is an LA table row's two links ("trend-links"): to the
// row's trend on the LA page and to its league table, each with the words
// screen readers hear after "trend" and after "all LAs". The URLs are built
// here because two whole attribute values cost html/template half the
// calls of six escaped pieces, on the LA page's longest loop.
type trendLinkArgs struct {
	TrendURL, LeagueURL string
	Trend, League       string
}

// newTrendLinks is the links of an LA's (code) row f.
func newTrendLinks(code string, f store.Figure, trend, league string) trendLinkArgs {
	ind, grp := url.QueryEscape(f.Indicator), url.QueryEscape(f.Grp)
	return trendLinkArgs{
		TrendURL:  "/las/" + url.PathEscape(code) + "?indicator=" + ind + "&grp=" + grp + "#trend-heading",
		LeagueURL: "/league/" + url.PathEscape(f.Indicator) + "?year=" + strconv.Itoa(f.Year) + "&grp=" + grp + "&la=" + url.QueryEscape(code),
		Trend:     trend, League: league}
}

// comparatorCell is a school figure's LA or England cell ("comparator"):
// the comparator's value or status, and its group, shown when it is not the
// school figure's own group (Own).
type comparatorCell struct {
	Value        *float64
	Unit, Status string
	Grp, Own     string
}

func newComparatorCell(v *float64, unit, status, grp, own string) comparatorCell {
	return comparatorCell{Value: v, Unit: unit, Status: status, Grp: grp, Own: own}
}

// compareURL is the compare page for a school and its three nearest similar
// schools (schools[0] is the school itself).
func compareURL(urn string, schools []store.SimilarSchool) string {
	q := url.Values{"urn": {urn}}
	for i := 1; i <= 3 && i < len(schools); i++ {
		q.Add("urn", schools[i].URN)
	}
	return "/compare?" + q.Encode()
}
