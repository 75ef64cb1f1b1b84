package web

import (
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// listsTemplate is the template text the format_lists.go printers replaced,
// as it was; each must print the same HTML.
const listsTemplate = `{{define "schoolCaveats"}}{{range .}}{{if and .Caveat (eq .Grp "all")}}<p class="muted caveat"><strong>{{.Title}}:</strong> {{.Caveat}}</p>{{end}}{{end}}{{end}}` +
	`{{define "laCaveats"}}{{range .}}{{if .Caveat}}<p class="muted caveat"><strong>{{.Title}}:</strong> {{.Caveat}}</p>{{end}}{{end}}{{end}}` +
	`{{define "options"}}{{$sel := index . 1}}{{$prev := ""}}{{range index . 0}}{{if ne .Indicator $prev}}<option value="{{.Indicator}}"{{if eq .Indicator $sel}} selected{{end}}>{{.Title}}</option>{{end}}{{$prev = .Indicator}}{{end}}{{end}}` +
	`{{define "groups"}}{{$sel := index . 1}}{{range index . 0}}<option value="{{.}}"{{if eq . $sel}} selected{{end}}>{{group .}}</option>{{end}}{{end}}` +
	`{{define "pivotHead"}}{{range .}}<th scope="col" class="num">{{.}}</th>{{end}}{{end}}` +
	`{{define "pivotRows"}}{{range .}}<tr{{if .Highlight}} class="highlight"{{end}}><th scope="row">{{if .Code}}<a href="/las/{{.Code}}">{{.Label}}</a>{{else}}{{.Label}}{{end}}</th>{{cells .Cells}}</tr>
{{end}}{{end}}` +
	`{{define "compare"}}{{$s := index . 0}}<p><a href="/compare?urn={{$s.URN}}{{range $i, $x := index . 1}}{{if and (ge $i 1) (le $i 3)}}&amp;urn={{$x.URN}}{{end}}{{end}}">Compare {{schoolName $s.Name $s.URN}} side by side with its three nearest similar schools</a></p>{{end}}`

// groupTablesTemplate is the LA page's group-table loop as it was (with its
// LA bound to $l, as in la.html).
const groupTablesTemplate = `{{define "groupTables"}}{{$l := index . 0}}{{$t := index . 1}}` + groupTablesLoop + `{{end}}`

const groupTablesLoop = `{{range $b := $t.Indicators}}{{if gt (len $b.Groups) 1}}
<details class="groups" id="groups-{{$b.Indicator}}"{{if $b.Open}} open{{end}}>
<summary>{{$b.Title}}: all {{len $b.Groups}} pupil groups</summary>
<div class="table-scroll" role="region" aria-label="{{$b.Title}} by pupil group" tabindex="0">
<table>
<thead><tr><th scope="col">Pupils</th><th scope="col">Year</th><th scope="col" class="num">{{$l.Name}}</th><th scope="col" class="num">Numerator / denominator</th><th scope="col" class="num">England</th><th scope="col">Among local authorities</th><th scope="col">More</th></tr></thead>
<tbody>
{{groupRows $l.Code $b.Groups}}
</tbody>
</table>
</div>
</details>
{{end}}{{end}}`

func TestListsHTMLMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(listsTemplate + groupTablesTemplate))
	exec := func(name string, data any) string {
		t.Helper()
		var b strings.Builder
		if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s:\n got %q\nwant %q", what, got, want)
		}
	}
	odd := []string{"", "plain", `odd <&'"+> é%?/#` + "\x00", "roll.ehcp"}
	v := func(x float64) *float64 { return &x }
	var rows []store.ProfileRow
	for i, ind := range []string{"roll.ehcp", "roll.ehcp", "excl.suspension", odd[2], "roll.ehcp", "abs.persistent"} {
		for j, grp := range []string{"all", "sen_support", odd[2]} {
			r := store.ProfileRow{}
			r.Indicator, r.Grp, r.Title, r.Period = ind, grp, "Title "+odd[(i+j)%len(odd)], "2023/24"
			r.Caveat = odd[(i*3+j)%len(odd)]
			r.Value, r.Unit, r.Status = v(float64(i)+0.5), "%", "ok"
			rows = append(rows, r)
		}
	}
	for _, sel := range odd {
		check("indicatorOptions "+sel, string(indicatorOptions(rows, sel)), exec("options", []any{rows, sel}))
		check("groupOptions "+sel, string(groupOptions(odd, sel)), exec("groups", []any{odd, sel}))
	}
	check("schoolCaveats", string(schoolCaveats(rows)), exec("schoolCaveats", rows))
	check("pivotHead", string(pivotHead(odd)), exec("pivotHead", odd))
	var blocks []indicatorBlock
	for i := range 7 {
		b := indicatorBlock{Indicator: odd[i%len(odd)] + "x", Title: odd[(i+1)%len(odd)], Caveat: odd[(i+2)%len(odd)], Open: i%2 == 0}
		b.Groups = rows[:i%4]
		blocks = append(blocks, b)
	}
	check("laCaveats", string(laCaveats(blocks)), exec("laCaveats", blocks))
	for _, name := range odd {
		l := store.LA{Code: "E06000047" + name, Name: name}
		check("laGroupTables "+name, string(laGroupTables(l.Code, l.Name, blocks)),
			exec("groupTables", []any{l, themeBlock{Indicators: blocks}}))
	}
	var prows []pivotRow
	for i, label := range odd {
		prows = append(prows, pivotRow{Label: label, Code: odd[(i+1)%len(odd)], Highlight: i%2 == 1,
			Cells: []*store.Figure{&rows[i].Figure, nil, &store.Figure{Status: "suppressed", Reason: odd[2]}}})
	}
	check("pivotRows", string(pivotRows(prows)), exec("pivotRows", prows))
	for n := range 6 {
		var schools []store.SimilarSchool
		for i := range n {
			schools = append(schools, store.SimilarSchool{URN: odd[i%len(odd)] + "1000"})
		}
		for _, name := range odd {
			s := store.School{URN: "100" + name, Name: name}
			check("compareLink", string(compareLink(s.URN, s.Name, schools)), exec("compare", []any{s, schools}))
		}
	}
	// The replaced loop text is gone from the templates (so this test is
	// not checking a copy that no page uses).
	la, err := os.ReadFile("templates/la.html")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(la), groupTablesLoop) || !strings.Contains(string(la), "{{laGroupTables $l.Code $l.Name $t.Indicators}}") {
		t.Error("la.html: expected laGroupTables in place of the loop")
	}
}
