package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// The page loops left after format.go's row printers, printed by Go the
// same way (TestListsHTMLMatchTemplate checks them against the template
// text they replaced): caveat notes, the trend forms' option lists, the
// pivot tables' head and rows, the LA page's pupil-group tables and the
// school page's compare link. Each was a template loop of a few reflective
// calls an item, about a millisecond of an LA page in all.

// schoolCaveats is a caveat note for each indicator of a school's figures
// table (on its all-pupils row).
func schoolCaveats(rows []store.ProfileRow) template.HTML {
	var b strings.Builder
	for i := range rows {
		if r := &rows[i]; r.Caveat != "" && r.Grp == "all" {
			writeCaveat(&b, r.Title, r.Caveat)
		}
	}
	return template.HTML(b.String())
}

// laCaveats is a caveat note for each indicator of an LA theme that has one.
func laCaveats(blocks []indicatorBlock) template.HTML {
	var b strings.Builder
	for i := range blocks {
		if x := &blocks[i]; x.Caveat != "" {
			writeCaveat(&b, x.Title, x.Caveat)
		}
	}
	return template.HTML(b.String())
}

func writeCaveat(b *strings.Builder, title, caveat string) {
	b.WriteString(`<p class="muted caveat"><strong>`)
	b.WriteString(escapeHTML(title))
	b.WriteString(":</strong> ")
	b.WriteString(escapeHTML(caveat))
	b.WriteString("</p>")
}

// laGroupTables is, for each indicator of an LA theme published for more
// than one pupil group, a folded table of every group (code and name are
// the LA's; the asked-about indicator's starts open).
func laGroupTables(code, name string, blocks []indicatorBlock) template.HTML {
	var b strings.Builder
	n := 0
	for i := range blocks {
		if g := len(blocks[i].Groups); g > 1 {
			n += 1000 + g*480
		}
	}
	b.Grow(n)
	name = escapeHTML(name)
	for i := range blocks {
		x := &blocks[i]
		if len(x.Groups) <= 1 {
			continue
		}
		title := escapeHTML(x.Title)
		b.WriteString("\n<details class=\"groups\" id=\"groups-")
		b.WriteString(escapeHTML(x.Indicator))
		b.WriteByte('"')
		if x.Open {
			b.WriteString(" open")
		}
		b.WriteString(">\n<summary>")
		b.WriteString(title)
		b.WriteString(": all ")
		b.WriteString(strconv.Itoa(len(x.Groups)))
		b.WriteString(" pupil groups</summary>\n<div class=\"table-scroll\" role=\"region\" aria-label=\"")
		b.WriteString(title)
		b.WriteString(" by pupil group\" tabindex=\"0\">\n<table>\n")
		b.WriteString(`<thead><tr><th scope="col">Pupils</th><th scope="col">Year</th><th scope="col" class="num">`)
		b.WriteString(name)
		b.WriteString(`</th><th scope="col" class="num">Numerator / denominator</th><th scope="col" class="num">England</th><th scope="col">Among local authorities</th><th scope="col">More</th></tr></thead>`)
		b.WriteString("\n<tbody>\n")
		writeGroupRows(&b, code, x.Groups)
		b.WriteString("\n</tbody>\n</table>\n</div>\n</details>\n")
	}
	return template.HTML(b.String())
}

// indicatorOptions is a trend form's indicator list: one option for each
// run of rows with the same indicator, the selected one marked.
func indicatorOptions(rows []store.ProfileRow, selected string) template.HTML {
	var b strings.Builder
	prev := ""
	for i := range rows {
		r := &rows[i]
		if r.Indicator != prev {
			writeOption(&b, r.Indicator, r.Title, r.Indicator == selected)
		}
		prev = r.Indicator
	}
	return template.HTML(b.String())
}

// groupOptions is an LA trend form's pupil-group list.
func groupOptions(groups []string, selected string) template.HTML {
	var b strings.Builder
	for _, g := range groups {
		writeOption(&b, g, charts.GroupLabel(g), g == selected)
	}
	return template.HTML(b.String())
}

func writeOption(b *strings.Builder, value, label string, selected bool) {
	b.WriteString(`<option value="`)
	b.WriteString(escapeHTML(value))
	b.WriteByte('"')
	if selected {
		b.WriteString(" selected")
	}
	b.WriteByte('>')
	b.WriteString(escapeHTML(label))
	b.WriteString("</option>")
}

// pivotHead is a pivot table's period column headings, and pivotRows its
// rows: an area's label (linked when it is an LA) and its cells.
func pivotHead(periods []string) template.HTML {
	var b strings.Builder
	for _, p := range periods {
		b.WriteString(`<th scope="col" class="num">`)
		b.WriteString(escapeHTML(p))
		b.WriteString("</th>")
	}
	return template.HTML(b.String())
}

func pivotRows(rows []pivotRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 400)
	for i := range rows {
		r := &rows[i]
		b.WriteString("<tr")
		if r.Highlight {
			b.WriteString(` class="highlight"`)
		}
		b.WriteString(`><th scope="row">`)
		if r.Code != "" {
			b.WriteString(`<a href="/las/`)
			b.WriteString(escapeHTML(urlPath(r.Code)))
			b.WriteString(`">`)
			b.WriteString(escapeHTML(r.Label))
			b.WriteString("</a>")
		} else {
			b.WriteString(escapeHTML(r.Label))
		}
		b.WriteString("</th>")
		writeCells(&b, r.Cells)
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// compareLink links a school's page to compare with its three nearest
// similar schools (schools[0] is the school itself).
func compareLink(urn, name string, schools []store.SimilarSchool) template.HTML {
	var b strings.Builder
	b.WriteString(`<p><a href="/compare?urn=`)
	b.WriteString(escapeHTML(urlQuery(urn)))
	for i := 1; i <= 3 && i < len(schools); i++ {
		b.WriteString("&amp;urn=")
		b.WriteString(escapeHTML(urlQuery(schools[i].URN)))
	}
	b.WriteString(`">Compare `)
	b.WriteString(escapeHTML(schoolName(name, urn)))
	b.WriteString(" side by side with its three nearest similar schools</a></p>")
	return template.HTML(b.String())
}
