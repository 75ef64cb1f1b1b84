package web

import (
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestValuePartial checks the "value" partial every figure cell uses: the
// number in its unit, else a badge naming the status, with the reason as
// its title.
func TestValuePartial(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	v := 4.25
	for _, c := range []struct {
		f    any
		want string
	}{
		{store.Figure{Value: &v, Unit: "%"}, "4.3%"},
		{&store.Figure{Value: &v, Unit: "ratio"}, "4.25"},
		{store.Figure{Status: "suppressed", Reason: `fewer than 10 & "x"`},
			`<span class="badge badge-suppressed" title="fewer than 10 &amp; &#34;x&#34;">suppressed</span>`},
		{store.Figure{Status: "too_few"}, `<span class="badge badge-too-few">too few to report</span>`},
		{store.Figure{Status: "ok"}, `<span class="badge badge-not-published">not published</span>`},
	} {
		var b strings.Builder
		if err := pages.byName["school"].ExecuteTemplate(&b, "value", c.f); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("value of %+v: got %q, want %q", c.f, b.String(), c.want)
		}
	}
}

// TestPartialURLs checks the links built for the partials keep odd values
// inside their query parameters.
func TestPartialURLs(t *testing.T) {
	f := store.Figure{Indicator: "roll.ehcp", Grp: "a&b c", Year: 2024}
	l := newTrendLinks("E09000007", f, " for x", " for x")
	if want := "/las/E09000007?indicator=roll.ehcp&grp=a%26b+c#trend-heading"; l.TrendURL != want {
		t.Errorf("trend URL %q, want %q", l.TrendURL, want)
	}
	if want := "/league/roll.ehcp?year=2024&grp=a%26b+c&la=E09000007"; l.LeagueURL != want {
		t.Errorf("league URL %q, want %q", l.LeagueURL, want)
	}
	schools := []store.SimilarSchool{{URN: "100001"}, {URN: "100002"}, {URN: "100003"}, {URN: "1&2"}, {URN: "100005"}}
	if got, want := compareURL("100001", schools), "/compare?urn=100001&urn=100002&urn=100003&urn=1%262"; got != want {
		t.Errorf("compare URL %q, want %q", got, want)
	}
	if got, want := compareURL("100001", schools[:1]), "/compare?urn=100001"; got != want {
		t.Errorf("compare URL with no similar school %q, want %q", got, want)
	}
}
