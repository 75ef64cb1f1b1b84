package web

import (
	"html/template"
	"net/url"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// The school page's similar and nearby rows as template markup, as they
// were before Go printed them: the references view.SimilarRows and
// view.NearbyRows are checked against.
const similarRowsRef = `{{define "ref-sim"}}{{$v := .}}{{range .Data.Similar.Schools}}{{if .Rank}}<tr><td class="num">{{.Rank}}</td>
<td><a href="{{$v.SchoolURL .URN}}">{{or .Name (printf "School with URN %s" .URN)}}</a></td>
{{- else}}<tr class="highlight"><td class="num">—</td>
<td>{{schoolName .Name .URN}} (this school)</td>
{{- end}}
<td>{{.Phase}}{{if .TypeGroup}}{{if ne .TypeGroup .Phase}} ({{.TypeGroup}}){{end}}{{end}}</td>
<td class="num">{{if .Roll}}{{count .Roll}}{{else}}<span class="badge badge-not-published">not published</span>{{end}}</td>
<td class="num">{{if .FSMPct}}{{num .FSMPct "%"}}{{else}}<span class="badge badge-not-published">not published</span>{{end}}</td>
<td>{{.Census}}</td><td>{{template "add-compare" ($v.AddCompare .URN .Name)}}</td></tr>
{{end}}{{end}}`

const nearbyRowsRef = `{{define "ref-near"}}{{$n := .Data.Nearby}}{{range $n.Schools}}<tr><td class="num">{{.Rank}}</td><td><a href="{{$.SchoolURL .URN}}">{{schoolName .Name .URN}}</a></td>
<td class="num">{{printf "%.1f" .DistanceMiles}} miles<br><span class="muted">{{printf "%.1f" .DistanceKm}} km</span></td>
{{range .Figures}}<td class="num">{{template "value" .}}{{if .Period}}<br><span class="muted">{{.Period}}</span>{{end}}</td>{{end}}
<td>{{template "add-compare" ($.AddCompare .URN .Name)}}</td></tr>
{{end}}{{end}}`

// groupRowsRef is an LA page's pupil-group rows as template markup.
const groupRowsRef = `{{define "ref-groups"}}{{range .Groups}}{{$f := .Figure}}{{$g := group $f.Grp}}{{$for := print " for " $g}}<tr><th scope="row">{{$g}}</th><td>{{template "period-source" $f}}</td><td class="num">{{template "value" $f}}</td><td class="num">{{numden $f}}</td>
<td class="num">{{if .EnglandValue}}{{num .EnglandValue $f.Unit}}{{end}}</td><td>{{standing $f.Rank $f.RankOf $f.Quartile}}</td>
<td class="links-col">{{with trendLinks $.Code $f $for $for}}<a href="{{.TrendURL}}">trend<span class="visually-hidden">{{.Trend}}</span></a> · <a href="{{.LeagueURL}}">all LAs<span class="visually-hidden">{{.League}}</span></a>{{end}}</td></tr>
{{end}}{{end}}`

// headlineRowsRef is an LA theme table's rows as template markup.
const headlineRowsRef = `{{define "ref-headline"}}{{range .Blocks}}{{$h := .Headline}}{{$f := $h.Figure}}<tr>
<th scope="row">{{.Title}}<br><span class="muted">{{group $f.Grp}}{{with polarity .Polarity}}; {{.}}{{end}}</span> <a class="muted row-link" href="/methodology#ind-{{.Indicator}}">what it means<span class="visually-hidden">: {{.Title}}</span></a></th>
<td>{{template "period-source" $f}}</td>
<td class="num">{{template "headline-value" $f}}</td>
<td class="num">{{if $h.EnglandValue}}{{num $h.EnglandValue $f.Unit}}{{else if $h.EnglandStatus}}{{template "status-badge" $h.EnglandStatus}}{{end}}</td>
<td>{{or (standing $f.Rank $f.RankOf $f.Quartile) "not ranked"}}</td>
<td class="links-col">{{with trendLinks $.Code $f (print " of " .Title) (print ": " .Title)}}<a href="{{.TrendURL}}">trend<span class="visually-hidden">{{.Trend}}</span></a> · <a href="{{.LeagueURL}}">all LAs<span class="visually-hidden">{{.League}}</span></a>{{end}}</td>
</tr>
{{end}}{{end}}`

// TestSchoolPageRowsMatchTemplate: the rows printed by Go are the rows
// the template markup prints, odd names, missing figures and every
// comparison state included.
func TestSchoolPageRowsMatchTemplate(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := pages.byName["school"].Clone()
	if err == nil {
		ref.Funcs(template.FuncMap{"trendLinks": newTrendLinks}) // the partials' former helper
		_, err = ref.Parse(similarRowsRef + nearbyRowsRef + groupRowsRef + headlineRowsRef)
	}
	if err != nil {
		t.Fatal(err)
	}
	odd := `O'Brien & "Sons" <b>+`
	f := func(x float64) *float64 { return &x }
	similar := []store.SimilarSchool{
		{URN: "100001", Name: "Alpha", Phase: "primary", TypeGroup: "mainstream", Census: "2023/24", Roll: f(412), FSMPct: f(23.456)},
		{URN: "100002", Rank: 1, Name: odd, Phase: odd, TypeGroup: odd, Census: odd, Roll: f(0), FSMPct: f(0)},
		{URN: "100003", Rank: 2, Phase: "special", TypeGroup: "special"},
	}
	nearby := []store.NearbySchool{
		{Rank: 1, URN: "100002", Name: odd, DistanceKm: 1.234, DistanceMiles: 0.767, EHCP: f(4.25), EHCPPeriod: "2023/24",
			SupportStatus: "too_few", AbsenceStatus: odd, Suspension: f(0), SuspensionPeriod: odd},
		{Rank: 2, URN: "100003", DistanceKm: 12.05, DistanceMiles: 7.49},
	}
	i := func(n int64) *int64 { return &n }
	groups := struct {
		Code   string
		Groups []store.ProfileRow
	}{"E09000007", []store.ProfileRow{
		{Figure: store.Figure{Indicator: "roll.ehcp", Grp: "primary", Period: "2023/24", Year: 2023, Value: f(4.25), Unit: "%",
			Numerator: f(120), Denominator: f(2800), SourceID: i(7), Rank: i(4), RankOf: i(152), Quartile: i(1)}, EnglandValue: f(3.1)},
		{Figure: store.Figure{Indicator: "excl.ratio", Grp: odd, Period: odd, Status: "too_few", Reason: odd, Unit: "ratio"}},
	}}
	var want strings.Builder
	if err := ref.ExecuteTemplate(&want, "ref-groups", groups); err != nil {
		t.Fatal(err)
	}
	if got := string(laGroupRows(groups.Code, groups.Groups)); got != strings.ReplaceAll(want.String(), "&#43;", "+") {
		t.Errorf("group rows: Go\n%s\ntemplate\n%s", got, want.String())
	}
	blocks := laRows{Code: "E09000007", Blocks: []indicatorBlock{
		{Indicator: "roll.ehcp", Title: "EHC plan %", Polarity: "neutral", Headline: groups.Groups[0]},
		{Indicator: "tribunal.rate", Title: odd, Polarity: "higher_is_worse",
			Headline: store.ProfileRow{Figure: store.Figure{Indicator: "tribunal.rate", Grp: "all", Period: "2024", Status: "suppressed"}, EnglandStatus: "too_few"}},
		{Indicator: "outcome.dest", Title: "Destinations", Polarity: "higher_is_better",
			Headline: store.ProfileRow{Figure: store.Figure{Indicator: "outcome.dest", Grp: "ehcp", Value: f(90.5), Unit: "%", Denominator: f(300)}, EnglandValue: f(88)}},
	}}
	want.Reset()
	if err := ref.ExecuteTemplate(&want, "ref-headline", blocks); err != nil {
		t.Fatal(err)
	}
	if got := string(laHeadlineRows(blocks.Code, blocks.Blocks)); got != strings.ReplaceAll(want.String(), "&#43;", "+") {
		t.Errorf("headline rows: Go\n%s\ntemplate\n%s", got, want.String())
	}
	for _, sel := range []string{"", "100002", "100009,100008,100007,100006,100005,100004"} {
		q := url.Values{"compare": {sel}}
		vw := view{Path: "/schools/100001", Compare: parseSelection("/schools/100001", q),
			Data: schoolPage{Similar: &store.Similar{Schools: similar}, Nearby: &store.SchoolNearby{Schools: nearby}}}
		vw.addBase = addBase(vw.Path, q, vw.Compare)
		for _, c := range []struct {
			name, got string
		}{{"ref-sim", string(vw.SimilarRows(similar))}, {"ref-near", string(vw.NearbyRows(nearby))}} {
			var want strings.Builder
			if err := ref.ExecuteTemplate(&want, c.name, vw); err != nil {
				t.Fatal(err)
			}
			// html/template also writes + as &#43;, which HTMLEscapeString leaves
			if strings.Contains(c.got, "<b>") || c.got != strings.ReplaceAll(want.String(), "&#43;", "+") {
				t.Errorf("%s, compare=%s: Go rows\n%s\ntemplate rows\n%s", c.name, sel, c.got, want.String())
			}
		}
	}
}
