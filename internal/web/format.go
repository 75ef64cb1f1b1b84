package web

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// funcs are the template helpers: formatting only, never arithmetic on figures
// beyond rounding for display.
var funcs = template.FuncMap{
	"num":                formatValue,
	"statusLabel":        statusLabel,
	"statusClass":        statusClass,
	"percentile":         percentilePhrase,
	"rank":               rankPhrase,
	"standing":           standingPhrase,
	"quartile":           func(q *int64) string { return quartileWords(*q) },
	"quartileShort":      quartileShort,
	"numden":             numDen,
	"value":              valueOf,
	"cells":              pivotCells,
	"groupRows":          laGroupRows,
	"headlineRows":       laHeadlineRows,
	"leagueRows":         leagueRows,
	"schoolFigureRows":   schoolFigureRows,
	"similarSummaryRows": similarSummaryRows,
	"similarSchoolRows":  similarSchoolRows,
	"schoolCaveats":      schoolCaveats,
	"laCaveats":          laCaveats,
	"laGroupTables":      laGroupTables,
	"indicatorOptions":   indicatorOptions,
	"groupOptions":       groupOptions,
	"pivotHead":          pivotHead,
	"pivotRows":          pivotRows,
	"compareLink":        compareLink,
	"polarity":           polarityNote,
	"group":              charts.GroupLabel,
	"count":              formatCount,
	"short":              func(s string) string { return s[:min(len(s), 12)] },
	"join":               strings.Join,
	"slice2":             func(a, b string) []string { return []string{a, b} },
	"basename":           path.Base,
	"dirname":            dirName,
	"years":              yearsSpan,
	"schoolName":         schoolName,
	"threshold":          ruleThreshold,
	"ruleYears":          ruleYears,
	"sub1":               func(n int) int { return n - 1 },
	"pivotArgs":          func(p pivot, caption, id string) pivotArgs { return pivotArgs{p, caption, id} },
}

// schoolName is a school's name, or what to call it when none is published.
func schoolName(name, urn string) string {
	if strings.TrimSpace(name) == "" {
		return "School with URN " + urn + " (name not published)"
	}
	return name
}

// quartileShort is a quartile for a table cell: "1 (highest)", 2, 3,
// "4 (lowest)".
func quartileShort(q *int64) string {
	switch *q {
	case 1:
		return "1 (highest)"
	case 4:
		return "4 (lowest)"
	}
	return strconv.FormatInt(*q, 10)
}

// formatValue prints a figure with its unit: "4.3%", "1.25", "45.2".
func formatValue(v *float64, unit string) string {
	if v == nil || math.IsNaN(*v) {
		return ""
	}
	x := *v
	switch unit {
	case "%":
		return strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64) + "%"
	case "ratio":
		return strconv.FormatFloat(roundHalfUp(x, 2), 'f', 2, 64)
	case "count":
		return formatCount(x)
	}
	return strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64)
}

// roundHalfUp rounds to places decimals, halves away from zero (4.25 -> 4.3).
func roundHalfUp(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p+math.Copysign(1e-9, x)) / p
}

// formatCount prints a whole number with thousands separators.
func formatCount(v any) string {
	var x float64
	switch n := v.(type) {
	case float64:
		x = n
	case *float64:
		if n == nil {
			return ""
		}
		x = *n
	case int64:
		x = float64(n)
	case int:
		x = float64(n)
	default:
		return fmt.Sprint(v)
	}
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// statusLabel is the badge text shown instead of a number.
func statusLabel(status string) string {
	switch status {
	case "suppressed":
		return "suppressed"
	case "too_few":
		return "too few to report"
	case "not_published":
		return "not published"
	case "not_applicable":
		return "not applicable"
	case "", "ok":
		return ""
	}
	return strings.ReplaceAll(status, "_", " ")
}

// statusClass is the CSS class of the badge for a status.
func statusClass(status string) string {
	switch status {
	case "suppressed":
		return "badge-suppressed"
	case "too_few":
		return "badge-too-few"
	case "not_applicable":
		return "badge-not-applicable"
	}
	return "badge-not-published"
}

// numDen prints a figure's numerator and denominator in their own units:
// counts for a rate ("34 / 1,000"), percentages for a ratio of two rates
// ("4.2% / 2.1%"), the pupils covered for a published score, and the two
// changes behind the roll-change proxy.
func numDen(f store.Figure) string {
	if f.Numerator == nil && f.Denominator == nil {
		return ""
	}
	switch {
	case f.Indicator == "moves.roll":
		return "SEND pupils " + signed(f.Numerator) + "; all pupils " + signed(f.Denominator)
	case f.Unit == "ratio":
		if f.Numerator == nil || f.Denominator == nil {
			return ""
		}
		return formatValue(f.Numerator, "%") + " / " + formatValue(f.Denominator, "%")
	case f.Numerator == nil:
		if f.Unit == "score" {
			return formatCount(f.Denominator) + " pupils"
		}
		return ""
	case f.Denominator == nil:
		return formatCount(f.Numerator)
	}
	return formatCount(f.Numerator) + " / " + formatCount(f.Denominator)
}

// signed prints a change with its sign: "+15", "-3", "0".
func signed(v *float64) string {
	if v == nil {
		return "not published"
	}
	s := formatCount(v)
	if *v >= 0.5 {
		s = "+" + s
	}
	return s
}

// pivotArgs is what the "pivot" template needs: the table, its caption and
// the caption's element id.
type pivotArgs struct {
	Pivot   pivot
	Caption string
	ID      string
}

// dirName is the folder a source file was read from, or "built in to
// sendash" for the reference lists embedded in the binary.
func dirName(p string) string {
	if strings.Contains(p, "sendash-builtin") {
		return "built in to sendash"
	}
	return path.Dir(p) + "/"
}

// yearsSpan shortens a source's list of years: "2006/07, 2007/08, ...,
// 2016/17" becomes "2006/07 to 2016/17 (11 years)"; short lists and other
// wordings are kept; empty is "not dated".
func yearsSpan(s string) string {
	parts := strings.Split(s, ", ")
	switch {
	case strings.TrimSpace(s) == "":
		return "not dated"
	case len(parts) <= 3:
		return s
	}
	return fmt.Sprintf("%s to %s (%d years)", parts[0], parts[len(parts)-1], len(parts))
}

// valueOf is a figure's number, or a badge saying why there is none (as
// HTML, for a store.Figure or *store.Figure). It was a template; as Go it
// saves a page with hundreds of cells a few milliseconds of reflective
// calls (BENCHMARKS.md), and TestValueHTMLMatchesTemplate checks the two
// give the same HTML.
func valueOf(v any) (template.HTML, error) {
	switch f := v.(type) {
	case store.Figure:
		return valueHTML(&f), nil
	case *store.Figure:
		return valueHTML(f), nil
	}
	return "", fmt.Errorf("value: %T is not a figure", v)
}

func valueHTML(f *store.Figure) template.HTML {
	var b strings.Builder
	writeValue(&b, f)
	return template.HTML(b.String())
}

func writeValue(b *strings.Builder, f *store.Figure) {
	if f.Value != nil {
		b.WriteString(escapeHTML(formatValue(f.Value, f.Unit)))
		return
	}
	b.WriteString(`<span class="badge `)
	b.WriteString(escapeHTML(statusClass(f.Status)))
	b.WriteByte('"')
	if f.Reason != "" {
		b.WriteString(` title="`)
		b.WriteString(escapeHTML(f.Reason))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	label := statusLabel(f.Status)
	if label == "" {
		label = "not published"
	}
	b.WriteString(escapeHTML(label))
	b.WriteString("</span>")
}

// pivotCells is a pivot row's cells: each figure's value, or a dash where
// the loaded data has no row.
func pivotCells(cells []*store.Figure) template.HTML {
	var b strings.Builder
	b.Grow(len(cells) * 40)
	writeCells(&b, cells)
	return template.HTML(b.String())
}

func writeCells(b *strings.Builder, cells []*store.Figure) {
	for _, f := range cells {
		b.WriteString(`<td class="num">`)
		if f != nil {
			writeValue(b, f)
		} else {
			b.WriteString(`<span class="muted" title="no row in the loaded data">–</span>`)
		}
		b.WriteString("</td>")
	}
}

// htmlEscapes are html/template's escapes for text and quoted attribute
// values, so Go-built HTML matches what the templates printed.
var htmlEscapes = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;",
	"+", "&#43;", "<", "&lt;", ">", "&gt;")

func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	return htmlEscapes.Replace(s)
}

// laGroupRows is the rows of an LA page's pupil-group table for one
// indicator (code is the LA's), and leagueRows a league table's LA rows:
// the two longest loops of any page, printed by Go as valueOf is
// (TestRowsHTMLMatchTemplate checks them against the templates they
// replaced).
func laGroupRows(code string, rows []store.ProfileRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 480)
	writeGroupRows(&b, code, rows)
	return template.HTML(b.String())
}

func writeGroupRows(b *strings.Builder, code string, rows []store.ProfileRow) {
	code = escapeHTML(urlPath(code))
	for i := range rows {
		r := &rows[i]
		grp := escapeHTML(charts.GroupLabel(r.Grp))
		b.WriteString(`<tr><th scope="row">`)
		b.WriteString(grp)
		b.WriteString(`</th><td>`)
		b.WriteString(escapeHTML(r.Period))
		b.WriteString(`</td><td class="num">`)
		writeValue(b, &r.Figure)
		b.WriteString(`</td><td class="num">`)
		b.WriteString(escapeHTML(numDen(r.Figure)))
		b.WriteString("</td>\n<td class=\"num\">")
		if r.EnglandValue != nil {
			b.WriteString(escapeHTML(formatValue(r.EnglandValue, r.Unit)))
		}
		b.WriteString(`</td><td>`)
		b.WriteString(escapeHTML(standingPhrase(r.Rank, r.RankOf, r.Quartile)))
		b.WriteString("</td>\n<td>")
		writeTrendLinks(b, code, r.Indicator, r.Grp, r.Year, " for "+grp, " for "+grp)
		b.WriteString("</td></tr>\n")
	}
}

func leagueRows(rows []store.Figure) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 300)
	for i := range rows {
		f := &rows[i]
		b.WriteString(`<tr><td class="num">`)
		if f.Rank != nil {
			b.WriteString(strconv.FormatInt(*f.Rank, 10))
		}
		b.WriteString(`</td><th scope="row"><a href="/las/`)
		b.WriteString(escapeHTML(urlPath(cmp.Or(f.LACode, f.Code))))
		b.WriteString(`">`)
		b.WriteString(escapeHTML(cmp.Or(f.Name, f.Code)))
		b.WriteString(`</a></th><td class="num">`)
		writeValue(&b, f)
		b.WriteString(`</td><td class="num">`)
		b.WriteString(escapeHTML(numDen(*f)))
		b.WriteString(`</td><td class="num">`)
		if f.Quartile != nil {
			b.WriteString(escapeHTML(quartileShort(f.Quartile)))
		}
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// urlPath and urlQuery are html/template's URL escapes for a value in a
// link's path (reserved characters kept) and in a query parameter: each
// other byte outside the unreserved set becomes %xx in lower case, as
// html/template writes it.
func urlPath(s string) string  { return urlEscape(s, true) }
func urlQuery(s string) string { return urlEscape(s, false) }

func urlEscape(s string, norm bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0:
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
		default:
			if b.Len() == 0 {
				b.WriteString(s[:i])
			}
			fmt.Fprintf(&b, "%%%02x", c)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// schoolFigureRows, similarSummaryRows and similarSchoolRows are the school
// page's three longest tables' rows, printed by Go as laGroupRows is
// (TestSchoolRowsHTMLMatchTemplate).
func schoolFigureRows(urn string, rows []store.ProfileRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 560)
	urn = escapeHTML(urlPath(urn))
	for i := range rows {
		r := &rows[i]
		b.WriteString("<tr>\n<th scope=\"row\"><a href=\"/schools/")
		b.WriteString(urn)
		b.WriteString("?indicator=")
		b.WriteString(escapeHTML(urlQuery(r.Indicator)))
		b.WriteString(`#trend-heading">`)
		b.WriteString(escapeHTML(r.Title))
		b.WriteString("</a>")
		if r.Indicator == "moves.roll" {
			b.WriteString(` <span class="badge badge-proxy">proxy</span>`)
		}
		if r.Grp != "all" {
			b.WriteString(`<br><span class="muted">`)
			b.WriteString(escapeHTML(charts.GroupLabel(r.Grp)))
			b.WriteString("</span>")
		}
		b.WriteString("</th>\n<td>")
		b.WriteString(escapeHTML(r.Period))
		b.WriteString("</td>\n<td class=\"num\">")
		writeHeadline(&b, &r.Figure)
		b.WriteString("</td>\n")
		writeComparator(&b, r.LAValue, r.Unit, r.LAStatus, r.LAGrp, r.Grp)
		writeComparator(&b, r.EnglandValue, r.Unit, r.EnglandStatus, r.EnglandGrp, r.Grp)
		b.WriteString("<td>")
		b.WriteString(escapeHTML(percentilePhrase(r.Percentile)))
		b.WriteString("</td>\n</tr>\n")
	}
	return template.HTML(b.String())
}

// writeHeadline is a figure's value in bold with its numerator and
// denominator, if any, below.
func writeHeadline(b *strings.Builder, f *store.Figure) {
	b.WriteString("<strong>")
	writeValue(b, f)
	b.WriteString("</strong>")
	if nd := numDen(*f); nd != "" {
		b.WriteString(`<br><span class="muted">`)
		b.WriteString(escapeHTML(nd))
		b.WriteString("</span>")
	}
}

// writeTrendLinks is an LA table row's links to the indicator's trend on
// the LA page (code, already escaped) and to its league table, each with
// hidden text (already escaped) for screen readers.
func writeTrendLinks(b *strings.Builder, code, indicator, grp string, year int, trendHidden, leagueHidden string) {
	qgrp := escapeHTML(urlQuery(grp))
	b.WriteString(`<a href="/las/`)
	b.WriteString(code)
	b.WriteString("?indicator=")
	b.WriteString(escapeHTML(urlQuery(indicator)))
	b.WriteString("&amp;grp=")
	b.WriteString(qgrp)
	b.WriteString(`#trend-heading">trend<span class="visually-hidden">`)
	b.WriteString(trendHidden)
	b.WriteString(`</span></a> · <a href="/league/`)
	b.WriteString(escapeHTML(urlPath(indicator)))
	b.WriteString("?year=")
	b.WriteString(strconv.Itoa(year))
	b.WriteString("&amp;grp=")
	b.WriteString(qgrp)
	b.WriteString(`">all LAs<span class="visually-hidden">`)
	b.WriteString(leagueHidden)
	b.WriteString("</span></a>")
}

// writeBadge is a status badge (a figure's reason for having no value).
func writeBadge(b *strings.Builder, status, label string) {
	b.WriteString(`<span class="badge `)
	b.WriteString(escapeHTML(statusClass(status)))
	b.WriteString(`">`)
	b.WriteString(escapeHTML(label))
	b.WriteString("</span>")
}

// writeComparator is a school figure's LA or England cell.
func writeComparator(b *strings.Builder, v *float64, unit, status, grp, ownGrp string) {
	b.WriteString(`<td class="num">`)
	switch {
	case v != nil:
		b.WriteString(escapeHTML(formatValue(v, unit)))
	case status != "":
		writeBadge(b, status, statusLabel(status))
	default:
		b.WriteString(`<span class="muted">not published</span>`)
	}
	if grp != "" && grp != ownGrp {
		b.WriteString(`<br><span class="muted">`)
		b.WriteString(escapeHTML(charts.GroupLabel(grp)))
		b.WriteString("</span>")
	}
	b.WriteString("</td>\n")
}

func similarSummaryRows(rows []store.SimilarSummary, schools int) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 400)
	of := strconv.Itoa(schools - 1)
	for i := range rows {
		r := &rows[i]
		b.WriteString(`<tr><th scope="row">`)
		b.WriteString(escapeHTML(r.Title))
		if p := percentilePhrase(r.Percentile); p != "" {
			b.WriteString(`<br><span class="muted">`)
			b.WriteString(escapeHTML(p))
			b.WriteString("</span>")
		}
		b.WriteString("</th><td>")
		b.WriteString(escapeHTML(r.Period))
		b.WriteString("</td>\n<td class=\"num\">")
		if r.Value != nil {
			b.WriteString("<strong>")
			b.WriteString(escapeHTML(formatValue(r.Value, r.Unit)))
			b.WriteString("</strong>")
		} else {
			writeBadge(&b, r.Status, cmp.Or(statusLabel(r.Status), "not published"))
		}
		b.WriteString("</td>\n")
		for _, v := range []*float64{r.Min, r.Median, r.Max} {
			b.WriteString(`<td class="num">`)
			b.WriteString(escapeHTML(formatValue(v, r.Unit)))
			b.WriteString("</td>")
		}
		b.WriteString(`<td class="num">`)
		b.WriteString(strconv.Itoa(r.Peers))
		b.WriteString(" of ")
		b.WriteString(of)
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

func similarSchoolRows(rows []store.SimilarSchool) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 220)
	for i := range rows {
		r := &rows[i]
		b.WriteString("<tr")
		if r.Rank == 0 {
			b.WriteString(` class="highlight"`)
		}
		b.WriteString(`><td class="num">`)
		if r.Rank == 0 {
			b.WriteString("—")
		} else {
			b.WriteString(strconv.Itoa(r.Rank))
		}
		b.WriteString("</td>\n<td>")
		if r.Rank == 0 {
			b.WriteString(escapeHTML(schoolName(r.Name, r.URN)))
			b.WriteString(" (this school)")
		} else {
			b.WriteString(`<a href="/schools/`)
			b.WriteString(escapeHTML(urlPath(r.URN)))
			b.WriteString(`">`)
			b.WriteString(escapeHTML(cmp.Or(r.Name, "School with URN "+r.URN)))
			b.WriteString("</a>")
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(escapeHTML(r.Phase))
		if r.TypeGroup != "" && r.TypeGroup != r.Phase {
			b.WriteString(" (")
			b.WriteString(escapeHTML(r.TypeGroup))
			b.WriteString(")")
		}
		b.WriteString("</td>\n<td class=\"num\">")
		if r.Roll != nil {
			b.WriteString(escapeHTML(formatCount(r.Roll)))
		} else {
			b.WriteString(`<span class="badge badge-not-published">not published</span>`)
		}
		b.WriteString("</td>\n<td class=\"num\">")
		if r.FSMPct != nil {
			b.WriteString(escapeHTML(formatValue(r.FSMPct, "%")))
		} else {
			b.WriteString(`<span class="badge badge-not-published">not published</span>`)
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(escapeHTML(r.Census))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// laHeadlineRows is an LA page theme table's rows, one per indicator with
// its headline figure (code is the LA's), printed by Go as laGroupRows is.
func laHeadlineRows(code string, blocks []indicatorBlock) template.HTML {
	var b strings.Builder
	b.Grow(len(blocks) * 660)
	code = escapeHTML(urlPath(code))
	for i := range blocks {
		x := &blocks[i]
		h := &x.Headline
		title := escapeHTML(x.Title)
		b.WriteString("<tr>\n<th scope=\"row\">")
		b.WriteString(title)
		b.WriteString(`<br><span class="muted">`)
		b.WriteString(escapeHTML(charts.GroupLabel(h.Grp)))
		if p := polarityNote(x.Polarity); p != "" {
			b.WriteString("; ")
			b.WriteString(escapeHTML(p))
		}
		b.WriteString("</span></th>\n<td>")
		b.WriteString(escapeHTML(h.Period))
		b.WriteString("</td>\n<td class=\"num\">")
		writeHeadline(&b, &h.Figure)
		b.WriteString("</td>\n<td class=\"num\">")
		if h.EnglandValue != nil {
			b.WriteString(escapeHTML(formatValue(h.EnglandValue, h.Unit)))
		} else if h.EnglandStatus != "" {
			writeBadge(&b, h.EnglandStatus, statusLabel(h.EnglandStatus))
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(escapeHTML(cmp.Or(standingPhrase(h.Rank, h.RankOf, h.Quartile), "not ranked")))
		b.WriteString("</td>\n<td>")
		writeTrendLinks(&b, code, x.Indicator, h.Grp, h.Year, " of "+title, ": "+title)
		b.WriteString("</td>\n</tr>\n")
	}
	return template.HTML(b.String())
}
