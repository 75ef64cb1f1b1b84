package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The demo lookup's postcodes (internal/demo, demoPostcode): school 900005
// is the third school of LA 951, so its postcode is QJ51 1AC; QJ51 0ZZ is
// in the lookup without a place, and QJ51 9ZZ is not in it at all.

// TestSearchPageByPlace checks the search page for a postcode: schools
// nearest first with miles and km, phase, type, LA and "add to compare";
// page links that keep the query, filters and the schools chosen; the same
// rows with their distances in CSV and JSON.
func TestSearchPageByPlace(t *testing.T) {
	h := demoServer(t)
	path := "/search?q=qj511ac&phase=primary&closed=1&compare=900002"
	code, _, body := get(t, h, path)
	if code != http.StatusOK {
		t.Fatalf("%s: status %d", path, code)
	}
	mustContain(t, path, body, "Schools nearest the postcode QJ51 1AC, with straight-line distance</caption>",
		`<a href="/schools/900005?compare=900002">`, "0.0 miles (0.0 km)", "<th scope=\"col\">Distance</th>",
		"<td>Primary</td>", `<a href="/search?closed=1&amp;phase=primary&amp;q=qj511ac&amp;compare=900002%2C900005" class="add-compare">`,
		`<option value="primary" selected>`, `name="closed" value="1" checked`,
		`<input type="hidden" name="compare" value="900002">`,
		`<a href="/search?closed=1&amp;page=2&amp;phase=primary&amp;q=qj511ac&amp;compare=900002" rel="next">`)
	if strings.Contains(body, `rel="prev"`) {
		t.Errorf("%s: the first page links to a previous one", path)
	}
	if i, j := strings.Index(body, "900005"), strings.Index(body, "<td>Secondary</td>"); i < 0 || j >= 0 {
		t.Errorf("%s: want 900005 and no secondary school (at %d, %d)", path, i, j)
	}
	_, _, body = get(t, h, "/search?q=QJ51+1AC&page=2")
	mustContain(t, "page 2", body, `<a href="/search?q=QJ51&#43;1AC" rel="prev">`, "Page 2", ": 51 to 100.")

	_, ctype, csv := get(t, h, "/search?q=QJ51+1AC&format=csv")
	header, first, _ := strings.Cut(csv, "\n")
	if !strings.Contains(ctype, "csv") || !strings.Contains(header, "distance_miles,distance_km") ||
		!strings.HasPrefix(first, "school,900005,") {
		t.Errorf("CSV (%s): header %q, first row %q", ctype, header, first[:min(len(first), 80)])
	}
	_, _, js := get(t, h, "/api/search?q=QJ51+1AC")
	var a struct {
		Kind    string
		Total   int
		More    bool
		Results []struct {
			Code  string
			Miles *float64 `json:"distance_miles"`
			Km    *float64 `json:"distance_km"`
		}
	}
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Fatal(err)
	}
	if a.Kind != "postcode" || !a.More || len(a.Results) != searchLimit || a.Results[0].Code != "900005" ||
		*a.Results[0].Miles != 0 || *a.Results[1].Km <= *a.Results[1].Miles {
		t.Errorf("JSON: %s with %d results (more %v), first %+v", a.Kind, len(a.Results), a.More, a.Results[0])
	}
}

// TestSearchPageUnknownAndOthers checks the unknown postcode message with
// its district's link, a town, a near miss, a name search that finds
// nothing, and the 400 page for a bad phase or page.
func TestSearchPageUnknownAndOthers(t *testing.T) {
	h := demoServer(t)
	for path, wants := range map[string][]string{
		"/search?q=QJ51+9ZZ&phase=special": {"We don't know where QJ51 9ZZ is.",
			`<a href="/search?phase=special&amp;q=QJ51">Search near the postcode district QJ51 instead</a>`},
		"/search?q=QJ51+0ZZ": {"We don't know where QJ51 0ZZ is.", `href="/search?q=QJ51"`},
		"/search?q=ZZ9+9ZZ":  {"We don't know where ZZ9 9ZZ is.", "Check the postcode"},
		"/search?q=fizzlewick": {"Schools in Fizzlewick, nearest its middle first", "open schools in Fizzlewick",
			`<a href="/search?by=name&amp;q=fizzlewick">Search school names instead</a>`},
		"/search?q=Fizzlewick%2C+City+of": {"is a local authority", "open schools in Fizzlewick, City of"},
		"/search?q=gribblecestr":          {"Gribblecester Community College", "exact and closest matches first"},
		"/search?q=zzqqxx+no+such":        {"Nothing matched"},
	} {
		code, _, body := get(t, h, path)
		if code != http.StatusOK {
			t.Errorf("%s: status %d", path, code)
		}
		mustContain(t, path, body, wants...)
		if strings.Contains(path, "ZZ") && strings.Contains(body, "<table") {
			t.Errorf("%s: an unknown postcode lists schools", path)
		}
	}
	for _, path := range []string{"/search?q=QJ51&phase=nursery", "/search?q=QJ51&phase=%3Cb%3E",
		"/search?q=QJ51&page=0", "/search?q=QJ51&page=two", "/search?q=QJ51&page=201", "/api/search?q=QJ51&page=-1"} {
		if code, _, _ := get(t, h, path); code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", path, code)
		}
	}
	_, _, body := get(t, h, "/search?q=QJ51&page=200")
	mustContain(t, "page 200", body, "There are no more results")
}
