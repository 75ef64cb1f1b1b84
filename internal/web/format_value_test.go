package web

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// valueTemplate is the "value" partial as it was before valueOf replaced
// it; the two must print the same HTML.
const valueTemplate = `{{define "value"}}{{if .Value}}{{num .Value .Unit}}{{else}}<span class="badge {{statusClass .Status}}"{{if .Reason}} title="{{.Reason}}"{{end}}>{{or (statusLabel .Status) "not published"}}</span>{{end}}{{end}}` +
	`{{define "cells"}}{{range .}}<td class="num">{{if .}}{{template "value" .}}{{else}}<span class="muted" title="no row in the loaded data">–</span>{{end}}</td>{{end}}{{end}}`

func TestValueHTMLMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(valueTemplate))
	v := func(x float64) *float64 { return &x }
	var figs []*store.Figure
	for _, unit := range []string{"%", "ratio", "count", "", "rate"} {
		for _, x := range []*float64{v(0), v(4.25), v(-1.005), v(12345.5), v(1e9), nil} {
			for _, st := range []string{"ok", "suppressed", "low", "not_applicable", "not_published", "odd <&'\"+>\x00"} {
				for _, reason := range []string{"", "fewer than 10 pupils", `a "quoted" <reason> & 'more' + x`} {
					figs = append(figs, &store.Figure{Value: x, Unit: unit, Status: st, Reason: reason})
				}
			}
		}
	}
	for _, f := range figs {
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, "value", f); err != nil {
			t.Fatal(err)
		}
		got, err := valueOf(*f)
		if err != nil || string(got) != want.String() {
			t.Fatalf("%+v: got %q (%v), template printed %q", f, got, err, want.String())
		}
	}
	cells := append(figs[:20:20], nil, figs[40])
	var want strings.Builder
	if err := tmpl.ExecuteTemplate(&want, "cells", cells); err != nil {
		t.Fatal(err)
	}
	if got := pivotCells(cells); string(got) != want.String() {
		t.Fatalf("cells: got %q\ntemplate printed %q", got, want.String())
	}
	if _, err := valueOf("not a figure"); err == nil {
		t.Error("valueOf accepted a string")
	}
}

// rowsTemplate is the LA group rows and league rows as templates, as they
// were before laGroupRows and leagueRows replaced them.
const rowsTemplate = `{{define "groups"}}{{$code := index . 0}}{{range index . 1}}<tr><th scope="row">{{group .Grp}}</th><td>{{.Period}}</td><td class="num">{{value .Figure}}</td><td class="num">{{numden .Figure}}</td>
<td class="num">{{if .EnglandValue}}{{num .EnglandValue .Unit}}{{end}}</td><td>{{standing .Rank .RankOf .Quartile}}</td>
<td><a href="/las/{{$code}}?indicator={{.Indicator}}&amp;grp={{.Grp}}#trend-heading">trend<span class="visually-hidden"> for {{group .Grp}}</span></a> · <a href="/league/{{.Indicator}}?year={{.Year}}&amp;grp={{.Grp}}">all LAs<span class="visually-hidden"> for {{group .Grp}}</span></a></td></tr>
{{end}}{{end}}` +
	`{{define "league"}}{{range .}}<tr><td class="num">{{if .Rank}}{{.Rank}}{{end}}</td><th scope="row"><a href="/las/{{or .LACode .Code}}">{{or .Name .Code}}</a></th><td class="num">{{value .}}</td><td class="num">{{numden .}}</td><td class="num">{{if .Quartile}}{{quartileShort .Quartile}}{{end}}</td></tr>
{{end}}{{end}}`

func TestRowsHTMLMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(rowsTemplate))
	v := func(x float64) *float64 { return &x }
	i := func(x int64) *int64 { return &x }
	var rows []store.ProfileRow
	var figs []store.Figure
	for n, g := range []string{"all", "sen_support", "ehcp", "primary", "odd group & <x>", "fsm+"} {
		f := store.Figure{Indicator: "excl.suspension", Code: "952", LACode: "E06900002", Name: "Grumble & Combe",
			Period: "2021/22", Year: 2021 + n, Grp: g, Value: v(float64(n) * 1.25), Unit: "%", Status: "ok",
			Numerator: v(float64(n * 10)), Denominator: v(1234), Rank: i(int64(n + 1)), RankOf: i(150), Quartile: i(int64(n%4 + 1))}
		if n%3 == 2 {
			f.Value, f.Status, f.Reason, f.Rank, f.Quartile, f.Name, f.LACode = nil, "suppressed", "fewer than 10", nil, nil, "", ""
		}
		figs = append(figs, f)
		rows = append(rows, store.ProfileRow{Figure: f, EnglandValue: f.Value})
	}
	for _, code := range []string{"E06900002", "952", "odd code/é?&+%"} {
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, "groups", []any{code, rows}); err != nil {
			t.Fatal(err)
		}
		if got := laGroupRows(code, rows); string(got) != want.String() {
			t.Fatalf("group rows:\n got %q\nwant %q", got, want.String())
		}
	}
	var want strings.Builder
	if err := tmpl.ExecuteTemplate(&want, "league", figs); err != nil {
		t.Fatal(err)
	}
	if got := leagueRows(figs); string(got) != want.String() {
		t.Fatalf("league rows:\n got %q\nwant %q", got, want.String())
	}
}

// schoolRowsTemplate is the school page's figure, similar-summary and
// similar-school rows as the templates they were before schoolFigureRows,
// similarSummaryRows and similarSchoolRows.
const schoolRowsTemplate = `{{define "figures"}}{{$urn := index . 0}}{{with index . 1}}{{range .}}<tr>
<th scope="row"><a href="/schools/{{$urn}}?indicator={{.Indicator}}#trend-heading">{{.Title}}</a>{{if eq .Indicator "moves.roll"}} <span class="badge badge-proxy">proxy</span>{{end}}{{if ne .Grp "all"}}<br><span class="muted">{{group .Grp}}</span>{{end}}</th>
<td>{{.Period}}</td>
<td class="num"><strong>{{value .Figure}}</strong>{{with numden .Figure}}<br><span class="muted">{{.}}</span>{{end}}</td>
<td class="num">{{if .LAValue}}{{num .LAValue .Unit}}{{else if .LAStatus}}<span class="badge {{statusClass .LAStatus}}">{{statusLabel .LAStatus}}</span>{{else}}<span class="muted">not published</span>{{end}}{{if and .LAGrp (ne .LAGrp .Grp)}}<br><span class="muted">{{group .LAGrp}}</span>{{end}}</td>
<td class="num">{{if .EnglandValue}}{{num .EnglandValue .Unit}}{{else if .EnglandStatus}}<span class="badge {{statusClass .EnglandStatus}}">{{statusLabel .EnglandStatus}}</span>{{else}}<span class="muted">not published</span>{{end}}{{if and .EnglandGrp (ne .EnglandGrp .Grp)}}<br><span class="muted">{{group .EnglandGrp}}</span>{{end}}</td>
<td>{{percentile .Percentile}}</td>
</tr>
{{end}}{{end}}{{end}}` +
	`{{define "summary"}}{{$rows := index . 0}}{{$n := index . 1}}{{range $rows}}<tr><th scope="row">{{.Title}}{{with percentile .Percentile}}<br><span class="muted">{{.}}</span>{{end}}</th><td>{{.Period}}</td>
<td class="num">{{if .Value}}<strong>{{num .Value .Unit}}</strong>{{else}}<span class="badge {{statusClass .Status}}">{{or (statusLabel .Status) "not published"}}</span>{{end}}</td>
<td class="num">{{num .Min .Unit}}</td><td class="num">{{num .Median .Unit}}</td><td class="num">{{num .Max .Unit}}</td><td class="num">{{.Peers}} of {{sub1 $n}}</td></tr>
{{end}}{{end}}` +
	`{{define "schools"}}{{range .}}<tr{{if eq .Rank 0}} class="highlight"{{end}}><td class="num">{{if eq .Rank 0}}—{{else}}{{.Rank}}{{end}}</td>
<td>{{if eq .Rank 0}}{{schoolName .Name .URN}} (this school){{else}}<a href="/schools/{{.URN}}">{{or .Name (printf "School with URN %s" .URN)}}</a>{{end}}</td>
<td>{{.Phase}}{{if and .TypeGroup (ne .TypeGroup .Phase)}} ({{.TypeGroup}}){{end}}</td>
<td class="num">{{if .Roll}}{{count .Roll}}{{else}}<span class="badge badge-not-published">not published</span>{{end}}</td>
<td class="num">{{if .FSMPct}}{{num .FSMPct "%"}}{{else}}<span class="badge badge-not-published">not published</span>{{end}}</td>
<td>{{.Census}}</td></tr>
{{end}}{{end}}`

func TestSchoolRowsHTMLMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(schoolRowsTemplate))
	v := func(x float64) *float64 { return &x }
	var rows []store.ProfileRow
	var sums []store.SimilarSummary
	var schools []store.SimilarSchool
	for n, g := range []string{"all", "sen_support", "ehcp", "primary", "odd group & <x>", "fsm+"} {
		f := store.Figure{Indicator: []string{"roll.ehcp", "moves.roll", "excl.suspension"}[n%3], Period: "2021/22", Grp: g,
			Value: v(float64(n) * 1.25), Unit: "%", Status: "ok", Numerator: v(float64(n * 10)), Denominator: v(1234)}
		r := store.ProfileRow{Figure: f, Title: "Title <" + g + ">", LAValue: v(2), LAGrp: "primary", EnglandStatus: "suppressed", EnglandGrp: g}
		s := store.SimilarSummary{Indicator: f.Indicator, Title: r.Title, Period: f.Period, Unit: "%", Value: f.Value, Status: "ok",
			Percentile: v(float64(n) * 20), Peers: n, Min: v(0), Median: v(1.5), Max: v(99.95)}
		sc := store.SimilarSchool{URN: fmt.Sprint(900000 + n), Rank: n, Name: "School & <" + g + ">", Phase: "primary", TypeGroup: "mainstream",
			Census: "2024/25", Roll: v(1234), FSMPct: v(12.34)}
		if n%2 == 1 {
			r.Value, r.Status, r.Numerator, r.Denominator, r.LAValue, r.LAStatus, r.EnglandStatus, r.Percentile = nil, "low", nil, nil, nil, "", "", nil
			s.Value, s.Status, s.Percentile, s.Min = nil, "not_published", nil, nil
			sc.Name, sc.Roll, sc.FSMPct, sc.TypeGroup = "", nil, nil, "primary"
		}
		rows, sums, schools = append(rows, r), append(sums, s), append(schools, sc)
	}
	for _, c := range []struct {
		name string
		data any
		got  template.HTML
	}{
		{"figures", []any{"100049", rows}, schoolFigureRows("100049", rows)},
		{"figures odd URN", []any{"1 0/é?", rows}, schoolFigureRows("1 0/é?", rows)},
		{"summary", []any{sums, len(schools)}, similarSummaryRows(sums, len(schools))},
		{"schools", schools, similarSchoolRows(schools)},
	} {
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, strings.Fields(c.name)[0], c.data); err != nil {
			t.Fatal(err)
		}
		if string(c.got) != want.String() {
			t.Fatalf("%s:\n got %q\nwant %q", c.name, c.got, want.String())
		}
	}
}

// headlineTemplate is the LA theme table's rows as the template they were
// before laHeadlineRows.
const headlineTemplate = `{{define "headlines"}}{{$code := index . 0}}{{range index . 1}}{{$h := .Headline}}<tr>
<th scope="row">{{.Title}}<br><span class="muted">{{group $h.Grp}}{{with polarity .Polarity}}; {{.}}{{end}}</span></th>
<td>{{$h.Period}}</td>
<td class="num"><strong>{{value $h.Figure}}</strong>{{with numden $h.Figure}}<br><span class="muted">{{.}}</span>{{end}}</td>
<td class="num">{{if $h.EnglandValue}}{{num $h.EnglandValue $h.Unit}}{{else if $h.EnglandStatus}}<span class="badge {{statusClass $h.EnglandStatus}}">{{statusLabel $h.EnglandStatus}}</span>{{end}}</td>
<td>{{or (standing $h.Rank $h.RankOf $h.Quartile) "not ranked"}}</td>
<td><a href="/las/{{$code}}?indicator={{.Indicator}}&amp;grp={{$h.Grp}}#trend-heading">trend<span class="visually-hidden"> of {{.Title}}</span></a> · <a href="/league/{{.Indicator}}?year={{$h.Year}}&amp;grp={{$h.Grp}}">all LAs<span class="visually-hidden">: {{.Title}}</span></a></td>
</tr>
{{end}}{{end}}`

func TestHeadlineRowsHTMLMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(headlineTemplate))
	v := func(x float64) *float64 { return &x }
	i := func(x int64) *int64 { return &x }
	var blocks []indicatorBlock
	for n, pol := range []string{"higher_is_worse", "higher_is_better", "", "context", "odd <pol>"} {
		h := store.ProfileRow{Figure: store.Figure{Indicator: "tribunal.rate", Period: "2024", Year: 2024, Grp: []string{"all", "odd & grp+", "ehcp"}[n%3],
			Value: v(5.9), Unit: "%", Status: "ok", Numerator: v(344), Denominator: v(5827), Rank: i(3), RankOf: i(150), Quartile: i(1)},
			EnglandValue: v(2.5)}
		if n%2 == 1 {
			h.Value, h.Status, h.Reason, h.Rank, h.RankOf, h.Quartile, h.EnglandValue, h.EnglandStatus = nil, "suppressed", "x < 10", nil, nil, nil, nil, "low"
		}
		if n == 4 {
			h.EnglandStatus = ""
		}
		blocks = append(blocks, indicatorBlock{Indicator: h.Indicator, Title: "Appeal rate & <more>", Polarity: pol, Headline: h})
	}
	for _, code := range []string{"E06000047", "odd code/é"} {
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, "headlines", []any{code, blocks}); err != nil {
			t.Fatal(err)
		}
		if got := laHeadlineRows(code, blocks); string(got) != want.String() {
			t.Fatalf("headline rows:\n got %q\nwant %q", got, want.String())
		}
	}
}
