package web

import (
	"context"
	"html"
	"net/http"
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

// TestLeagueMarksChosenLA: ?la= (either code) marks the LA's row, says
// where it stands above the table, outlines it on the map while the map's
// table keeps every LA, and carries it to the other league tables; an LA
// page's "all LAs" links ask for it; an unknown code is a 400.
func TestLeagueMarksChosenLA(t *testing.T) {
	h, st := testServer(t)
	l, err := st.League(context.Background(), "tribunal.rate", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	var camden *store.Figure
	for i := range l.Rows {
		if l.Rows[i].Code == "202" {
			camden = &l.Rows[i]
		}
	}
	if camden == nil || camden.Value == nil {
		t.Fatal("the fixture's tribunal league has no figure for Camden (202)")
	}
	for _, code := range []string{"202", "E09000007"} {
		path := "/league/tribunal.rate?la=" + code
		c, _, body := get(t, h, path)
		if c != http.StatusOK {
			t.Fatalf("%s: %d", path, c)
		}
		mustContain(t, path, body,
			`<tr class="highlight" id="chosen-la">`,
			"Camden: "+formatValue(camden.Value, camden.Unit),
			standingPhrase(camden.Rank, camden.RankOf, camden.Quartile),
			`<option value="202" selected>Camden</option>`,
			"each area on the map</caption>",
			"Camden (this LA)",
			`?la=202">`)
		if n := strings.Count(body, `id="chosen-la"`); n != 1 {
			t.Errorf("%s: %d rows marked, want 1", path, n)
		}
	}
	_, _, plain := get(t, h, "/league/tribunal.rate")
	if strings.Contains(plain, "chosen-la") || strings.Contains(plain, "(this LA)") {
		t.Error("/league/tribunal.rate marks an LA nobody chose")
	}
	_, _, la := get(t, h, "/las/E09000007")
	if !strings.Contains(la, "&amp;la=E09000007") {
		t.Error("the LA page's league links do not mark the LA")
	}
	if c, _, body := get(t, h, "/league/tribunal.rate?la=E06999998"); c != http.StatusBadRequest || !strings.Contains(body, "No local authority has the code") {
		t.Errorf("unknown LA: %d", c)
	}
}
