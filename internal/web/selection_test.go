package web

import (
	"net/url"
	"slices"
	"testing"
)

func TestSelectionComesFromTheURL(t *testing.T) {
	q := url.Values{"compare": {"100001,bad,100002,100001", "100003"}}
	got := parseSelection("/search", q)
	if want := (selection{"100001", "100002", "100003"}); !slices.Equal(got, want) {
		t.Fatalf("selection %v, want %v", got, want)
	}
	if got := parseSelection("/compare", url.Values{"urn": {"100004", "100005"}, "compare": {"100001"}}); !slices.Equal(got, selection{"100004", "100005"}) {
		t.Errorf("compare page selection %v", got)
	}
	many := url.Values{"compare": {"100001,100002,100003,100004,100005,100006,100007"}}
	if got := parseSelection("/", many); len(got) != maxCompare {
		t.Errorf("kept %d of 7, want %d", len(got), maxCompare)
	}

	v := view{Path: "/search", Compare: selection{"100001", "100002"}}
	v.addBase = addBase(v.Path, url.Values{"q": {"NW1 8AS"}, "compare": {"100001,100002"}, "format": {"csv"}}, v.Compare)
	// adding stays on the page, with the school added to the selection
	if got := v.AddCompare("100003", "A"); got.URL != "/search?q=NW1+8AS&compare=100001%2C100002%2C100003" || got.In {
		t.Errorf("add link %+v", got)
	}
	if got := (view{Path: "/schools/100009", addBase: addBase("/schools/100009", nil, nil)}).AddCompare("100009", "A"); got.URL != "/schools/100009?compare=100009" {
		t.Errorf("first add link %+v", got)
	}
	onCompare := view{Path: "/compare", Compare: selection{"100001"}}
	if got := onCompare.AddCompare("100003", "A"); got.URL != "/compare?urn=100001&urn=100003" {
		t.Errorf("add link on the compare page %+v", got)
	}
	if got := v.AddCompare("100002", ""); !got.In || got.URL != "" {
		t.Errorf("chosen school's link %+v", got)
	}
	if got := v.SchoolURL("100009"); got != "/schools/100009?compare=100001%2C100002" {
		t.Errorf("school link %q", got)
	}
	if got := v.Carry("/las/202?indicator=x#trend"); got != "/las/202?indicator=x&compare=100001%2C100002#trend" {
		t.Errorf("carried link %q", got)
	}
	full := view{Compare: parseSelection("/", many)}
	if got := full.AddCompare("100009", "B"); !got.Full || got.URL != "" {
		t.Errorf("full selection's link %+v", got)
	}
	if got := (view{}).SchoolURL("100009"); got != "/schools/100009" {
		t.Errorf("no selection: %q", got)
	}
}
