package web

import (
	"html"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestLeagueRowsMatchValuePartial checks the league rows Go prints: each
// value cell says what the templates' "value" partial says for the same
// figure, and odd names, codes and reasons stay inside their element.
func TestLeagueRowsMatchValuePartial(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	odd := `O'Brien & "Sons" <b>+`
	v := func(x float64) *float64 { return &x }
	n := func(x int64) *int64 { return &x }
	figs := []store.Figure{
		{Code: "E09000007", Name: "Camden", Value: v(4.25), Unit: "%", Rank: n(1), Quartile: n(1), Numerator: v(34), Denominator: v(800)},
		{Code: "202", LACode: "E09000007", Name: odd, Value: v(1.005), Unit: "ratio", Rank: n(2), Quartile: n(4)},
		{Code: "E0" + odd, Status: "suppressed", Reason: odd},
		{Code: "E06000001", Status: "too_few", Reason: "fewer than 10 pupils"},
		{Code: "E06000002", Status: "ok"},
		{Code: "E06000003", Status: odd},
	}
	got := string(leagueRows(figs))
	if strings.Contains(got, "<b>") || strings.Contains(got, `"Sons"`) {
		t.Errorf("an odd name or reason escaped its element:\n%s", got)
	}
	rows := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(rows) != len(figs) {
		t.Fatalf("%d rows for %d figures:\n%s", len(rows), len(figs), got)
	}
	for i, f := range figs {
		var want strings.Builder
		if err := pages.byName["league"].ExecuteTemplate(&want, "value", f); err != nil {
			t.Fatal(err)
		}
		// cells: "<tr>", rank and name, value, numerator / denominator, quartile
		cells := strings.Split(rows[i], `<td class="num">`)
		if len(cells) != 5 {
			t.Fatalf("row %d has %d number cells: %s", i, len(cells)-1, rows[i])
		}
		if cell := strings.TrimSuffix(cells[2], "</td>"); html.UnescapeString(cell) != html.UnescapeString(want.String()) {
			t.Errorf("row %d value cell %q, the value partial prints %q", i, cell, want.String())
		}
	}
	for _, w := range []string{`<tr><td class="num">1</td><th scope="row"><a href="/las/E09000007">Camden</a></th>`,
		`<td class="num">34 / 800</td><td class="num">1 (highest)</td></tr>`, `>O&#39;Brien &amp; &#34;Sons&#34; &lt;b&gt;+</a>`} {
		if !strings.Contains(got, w) {
			t.Errorf("league rows lack %q", w)
		}
	}
}
