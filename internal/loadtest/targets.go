// Package loadtest drives a running sendash server with HTTP requests and
// measures it: latency percentiles, throughput and status counts per page
// kind, with a fixed number of clients (closed loop) or at a fixed request
// rate (open loop, for soak tests). It knows page URLs, not the database.
package loadtest

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Target is one request path and the kind of page it asks for.
type Target struct {
	Page string // school, la, league, compare, search, or the path's first segment
	Path string // path and query, e.g. /schools/100000
}

// Pages are the page kinds Mix builds, in the order reports list them.
var Pages = []string{"school", "la", "league", "compare", "search"}

// Keys are the page keys a mix is built from (see store.Sample).
type Keys struct {
	URNs, LACodes, Indicators, SearchTerms []string
}

// Mix builds the request list for one page kind, or "mix" for every kind
// interleaved in equal shares. Compare pairs each URN with the next one.
func Mix(k Keys, page string) ([]Target, error) {
	if page == "mix" {
		return interleave(k)
	}
	var out []Target
	add := func(p string) { out = append(out, Target{Page: page, Path: p}) }
	switch page {
	case "school":
		for _, u := range k.URNs {
			add("/schools/" + url.PathEscape(u))
		}
	case "la":
		for _, c := range k.LACodes {
			add("/las/" + url.PathEscape(c))
		}
	case "league":
		for _, i := range k.Indicators {
			add("/league/" + url.PathEscape(i))
		}
	case "compare":
		for i := 0; i+1 < len(k.URNs); i++ {
			add("/compare?" + url.Values{"urn": {k.URNs[i], k.URNs[i+1]}}.Encode())
		}
	case "search":
		for _, t := range k.SearchTerms {
			add("/search?" + url.Values{"q": {t}}.Encode())
		}
	default:
		return nil, fmt.Errorf("unknown page kind %q (want one of %s, mix)", page, strings.Join(Pages, ", "))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s pages: the database sample is empty", page)
	}
	return out, nil
}

func interleave(k Keys) ([]Target, error) {
	lists := make([][]Target, len(Pages))
	longest := 0
	for i, p := range Pages {
		l, err := Mix(k, p)
		if err != nil {
			return nil, err
		}
		lists[i], longest = l, max(longest, len(l))
	}
	var out []Target
	for j := range longest {
		for _, l := range lists {
			out = append(out, l[j%len(l)])
		}
	}
	return out, nil
}

// ReadTargets reads one path per line ("/schools/100000"); blank lines and
// lines starting with # are skipped. Each path's page kind is PageOf(path).
func ReadTargets(r io.Reader) ([]Target, error) {
	var out []Target
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "/") {
			return nil, fmt.Errorf("line %d: %q is not a path starting with /", n, line)
		}
		out = append(out, Target{Page: PageOf(line), Path: line})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no paths in the URL list")
	}
	return out, nil
}

// PageOf names the page kind of a path: school, la, league, compare, search,
// or the first path segment ("api", "static", ...; "home" for /).
func PageOf(path string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	seg, _, _ = strings.Cut(seg, "?")
	switch seg {
	case "schools":
		return "school"
	case "las":
		return "la"
	case "":
		return "home"
	}
	return seg
}
