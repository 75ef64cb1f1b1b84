package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// maxCompare is how many schools one comparison holds.
const maxCompare = store.MaxCompare

// selection is the schools a reader has chosen to compare. It lives in the
// URL, never in a cookie: every page takes compare=URN,URN,… (the compare
// page its own urn=… list), links carry it on (view.Carry), and "add to
// compare" links to /compare with one more URN. So a comparison works
// without JavaScript or a login, and every state of it can be cited.
type selection []string

// parseSelection reads the selection from a request's query: the compare
// page's urn=… values, any other page's compare=a,b. A value that is not a
// URN is dropped (it is carried state, not the page's input, so it never
// fails a page), as are repeats and any beyond maxCompare.
func parseSelection(path string, q url.Values) selection {
	var raw []string
	if path == "/compare" {
		raw = q["urn"]
	} else {
		for _, v := range q["compare"] {
			raw = append(raw, strings.Split(v, ",")...)
		}
	}
	var out selection
	for _, u := range raw {
		u = strings.TrimSpace(u)
		if urnPattern.MatchString(u) && !slices.Contains(out, u) && len(out) < maxCompare {
			out = append(out, u)
		}
	}
	return out
}

// URL is the compare page for the selection with extra URNs appended:
// "/compare?urn=A&urn=B", as url.Values would encode it. Written directly,
// as every result row of a search page has one (50 url.Values cost the
// page about 0.1 ms).
func (s selection) URL(extra ...string) string {
	var b strings.Builder
	b.WriteString("/compare?")
	for i, u := range append(s[:len(s):len(s)], extra...) {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString("urn=")
		b.WriteString(url.QueryEscape(u))
	}
	return b.String()
}

// param is the selection as one compare= value ("" when empty).
func (s selection) param() string { return strings.Join(s, ",") }

// compareLink is one school's "add to compare" control.
type compareLink struct {
	URN, Name string
	URL       string // "" when the school is already chosen or the selection is full
	In, Full  bool
}

// AddCompare is the "add to compare" control for a school (render it with
// the "add-compare" partial): a link back to this page with the school
// added to the selection, or on the compare page to the comparison itself.
func (v view) AddCompare(urn, name string) compareLink {
	l := compareLink{URN: urn, Name: schoolName(name, urn)}
	switch {
	case slices.Contains(v.Compare, urn):
		l.In = true
	case len(v.Compare) >= maxCompare:
		l.Full = true
	case v.Path == "/compare" || v.addBase == "":
		l.URL = v.Compare.URL(urn)
	default:
		l.URL = v.addBase + url.QueryEscape(urn)
	}
	return l
}

// addBase is the start of every "add to compare" link on a page other
// than the compare page: the page itself (so a reader can pick several
// schools from one list; the bar under the header opens the comparison)
// with compare= holding the selection so far and the URN to come. Made
// once per page, as a list can hold hundreds of links.
func addBase(path string, q url.Values, sel selection) string {
	keep := url.Values{}
	for k, vs := range q {
		if k != "compare" && k != "format" && k != "table" {
			keep[k] = vs
		}
	}
	b := path + "?"
	if enc := keep.Encode(); enc != "" {
		b += enc + "&"
	}
	b += "compare="
	if len(sel) > 0 {
		b += url.QueryEscape(sel.param() + ",")
	}
	return b
}

// Carry adds the selection to an internal link, so the reader's choice
// follows them from page to page.
func (v view) Carry(link string) string {
	if len(v.Compare) == 0 || v.Path == "/compare" && strings.HasPrefix(link, "/compare") {
		return link
	}
	sep := "?"
	if strings.Contains(link, "?") {
		sep = "&"
	}
	frag := ""
	if i := strings.IndexByte(link, '#'); i >= 0 {
		link, frag = link[:i], link[i:]
	}
	return link + sep + "compare=" + url.QueryEscape(v.Compare.param()) + frag
}

// SchoolURL is a school page's link, carrying the selection.
func (v view) SchoolURL(urn string) string { return v.Carry("/schools/" + urn) }

// CompareParam is the selection as a compare= value, for forms' hidden inputs.
func (v view) CompareParam() string { return v.Compare.param() }
