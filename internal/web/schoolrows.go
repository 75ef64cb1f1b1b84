package web

import (
	"cmp"
	"html/template"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// The school page's two lists of other schools, printed by Go like
// leagueRows and view.SchoolRows: as template partials the 31 similar
// schools cost a national school page 0.46 ms and the 10 nearby schools
// 0.32 ms of its 2.95 ms of CPU (BenchmarkSchoolPage, national demo set,
// 2026-12-07), which put it over its 25 ms p95 budget at 8 clients. Each
// cell says what the partials said (TestSchoolPageRowsMatchTemplate).

// writeAddCompare writes a school's "add to compare" control, as the
// "add-compare" partial does.
func writeAddCompare(b *strings.Builder, l compareLink) {
	esc := template.HTMLEscapeString
	switch {
	case l.In:
		b.WriteString(`<span class="muted">In your comparison</span>`)
	case l.Full:
		b.WriteString(`<span class="muted">Comparison full (6 schools)</span>`)
	default:
		b.WriteString(`<a href="` + esc(l.URL) + `" class="add-compare">Add<span class="visually-hidden"> ` + esc(l.Name) + `</span> to compare</a>`)
	}
}

// writeSourceLink writes the link from a figure's year to its file on
// /sources, as the "period-source" partial does.
func writeSourceLink(b *strings.Builder, f *store.Figure) {
	if f.SourceID != nil {
		b.WriteString(` <a class="source-link row-link" href="/sources#source-` + strconv.FormatInt(*f.SourceID, 10) +
			`">source<span class="visually-hidden"> file of this figure</span></a>`)
	}
}

// writeTrendLinks writes an LA row's links to its trend and its league
// table, each with the words screen readers hear after them.
func writeTrendLinks(b *strings.Builder, l trendLinkArgs) {
	esc := template.HTMLEscapeString
	b.WriteString(`<a href="` + esc(l.TrendURL) + `">trend<span class="visually-hidden">` + esc(l.Trend) +
		`</span></a> · <a href="` + esc(l.LeagueURL) + `">all LAs<span class="visually-hidden">` + esc(l.League) + `</span></a>`)
}

const notPublishedBadge = `<span class="badge badge-not-published">not published</span>`

// SimilarRows is the similar-schools table's body: the school itself
// (rank 0, highlighted) and each similar school, nearest first.
func (v view) SimilarRows(rows []store.SimilarSchool) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 600)
	for i := range rows {
		sc := &rows[i]
		if sc.Rank != 0 {
			name := sc.Name
			if name == "" {
				name = "School with URN " + sc.URN
			}
			b.WriteString(`<tr><td class="num">` + strconv.Itoa(sc.Rank) + "</td>\n<td><a href=\"" + esc(v.SchoolURL(sc.URN)) + `">` + esc(name) + `</a></td>`)
		} else {
			b.WriteString("<tr class=\"highlight\"><td class=\"num\">—</td>\n<td>" + esc(schoolName(sc.Name, sc.URN)) + ` (this school)</td>`)
		}
		b.WriteString("\n<td>" + esc(sc.Phase))
		if sc.TypeGroup != "" && sc.TypeGroup != sc.Phase {
			b.WriteString(` (` + esc(sc.TypeGroup) + `)`)
		}
		b.WriteString("</td>\n<td class=\"num\">")
		if sc.Roll != nil {
			b.WriteString(esc(formatCount(sc.Roll)))
		} else {
			b.WriteString(notPublishedBadge)
		}
		b.WriteString("</td>\n<td class=\"num\">")
		if sc.FSMPct != nil {
			b.WriteString(esc(formatValue(sc.FSMPct, "%")))
		} else {
			b.WriteString(notPublishedBadge)
		}
		b.WriteString("</td>\n<td>" + esc(sc.Census) + `</td><td>`)
		writeAddCompare(&b, v.AddCompare(sc.URN, sc.Name))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// NearbyRows is the nearby-schools table's body, nearest first.
func (v view) NearbyRows(rows []store.NearbySchool) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 900)
	for i := range rows {
		sc := &rows[i]
		b.WriteString(`<tr><td class="num">` + strconv.Itoa(sc.Rank) + `</td><td><a href="` + esc(v.SchoolURL(sc.URN)) + `">` +
			esc(schoolName(sc.Name, sc.URN)) + "</a></td>\n<td class=\"num\">" + strconv.FormatFloat(sc.DistanceMiles, 'f', 1, 64) +
			` miles<br><span class="muted">` + strconv.FormatFloat(sc.DistanceKm, 'f', 1, 64) + " km</span></td>\n")
		for _, f := range sc.Figures() {
			b.WriteString(`<td class="num">`)
			writeValue(&b, &store.Figure{Value: f.Value, Unit: f.Unit, Status: f.Status, Reason: f.Reason})
			if f.Period != "" {
				b.WriteString(`<br><span class="muted">` + esc(f.Period) + `</span>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("\n<td>")
		writeAddCompare(&b, v.AddCompare(sc.URN, sc.Name))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// laGroupRows is an LA page's table of one indicator's pupil groups
// ("la-group-tables"), printed by Go: as a template partial the group
// tables cost a national LA page 1.0 ms of its 3.25 ms of CPU
// (BenchmarkLAPage, 2026-12-07), which put it over its 25 ms p95 budget
// at 8 clients. Each cell says what the partials said
// (TestSchoolPageRowsMatchTemplate).
func laGroupRows(code string, groups []store.ProfileRow) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(groups) * 700)
	for i := range groups {
		r := &groups[i]
		f := &r.Figure
		g := catalogue.GroupLabel(f.Grp)
		b.WriteString(`<tr><th scope="row">` + esc(g) + `</th><td>` + esc(f.Period))
		writeSourceLink(&b, f)
		b.WriteString(`</td><td class="num">`)
		writeValue(&b, f)
		b.WriteString(`</td><td class="num">` + esc(numDen(*f)) + "</td>\n<td class=\"num\">")
		if r.EnglandValue != nil {
			b.WriteString(esc(formatValue(r.EnglandValue, f.Unit)))
		}
		b.WriteString(`</td><td>` + esc(standingPhrase(f.Rank, f.RankOf, f.Quartile)) + "</td>\n<td class=\"links-col\">")
		writeTrendLinks(&b, newTrendLinks(code, *f, " for "+g, " for "+g))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

func init() {
	funcs["laGroupRows"] = laGroupRows
	funcs["laHeadlineRows"] = laHeadlineRows
}

// laHeadlineRows is an LA theme table, one row per indicator with its
// headline figure ("la-headline-rows"), printed by Go: as a partial it cost
// a national LA page 0.4 ms (BenchmarkLAPage, 2026-12-07). Checked against
// the partial by TestSchoolPageRowsMatchTemplate.
func laHeadlineRows(code string, blocks []indicatorBlock) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(blocks) * 1100)
	for i := range blocks {
		bl := &blocks[i]
		h := &bl.Headline
		f := &h.Figure
		b.WriteString("<tr>\n<th scope=\"row\">" + esc(bl.Title) + `<br><span class="muted">` + esc(catalogue.GroupLabel(f.Grp)))
		if p := polarityNote(bl.Polarity); p != "" {
			b.WriteString("; " + esc(p))
		}
		b.WriteString(`</span> <a class="muted row-link" href="/methodology#ind-` + esc(bl.Indicator) +
			`">what it means<span class="visually-hidden">: ` + esc(bl.Title) + "</span></a></th>\n<td>" + esc(f.Period))
		writeSourceLink(&b, f)
		b.WriteString("</td>\n<td class=\"num\"><strong>")
		writeValue(&b, f)
		b.WriteString(`</strong>`)
		if nd := numDen(*f); nd != "" {
			b.WriteString(`<br><span class="muted">` + esc(nd) + `</span>`)
		}
		b.WriteString("</td>\n<td class=\"num\">")
		switch {
		case h.EnglandValue != nil:
			b.WriteString(esc(formatValue(h.EnglandValue, f.Unit)))
		case h.EnglandStatus != "":
			b.WriteString(`<span class="badge ` + esc(statusClass(h.EnglandStatus)) + `">` + esc(statusLabel(h.EnglandStatus)) + `</span>`)
		}
		b.WriteString("</td>\n<td>" + esc(cmp.Or(standingPhrase(f.Rank, f.RankOf, f.Quartile), "not ranked")) + "</td>\n<td class=\"links-col\">")
		writeTrendLinks(&b, newTrendLinks(code, *f, " of "+bl.Title, ": "+bl.Title))
		b.WriteString("</td>\n</tr>\n")
	}
	return template.HTML(b.String())
}
