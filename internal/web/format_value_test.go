package web

import (
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
