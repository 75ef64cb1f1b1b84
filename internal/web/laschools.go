package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// laSchoolsPage is an LA's schools: every school (open by default) with its
// EHC plan %, SEN support %, absence and suspension rate and their years,
// sorted and filtered by the URL (/las/:code/schools?sort=&order=&phase=
// &status=&year=), so every view works without JavaScript and can be cited.
type laSchoolsPage struct {
	List    *store.LASchools
	Rows    []store.LASchool // the schools shown, filtered and sorted
	Cols    []sortHead       // the column headers
	Sort    string
	Order   string
	Phase   string   // "all" or a phase
	Phases  []string // the LA's phases, for the filter
	Status  string   // open, closed or all
	Period  string   // the year shown ("" for each school's latest)
	Summary string
}

// sortHead is a column header: its label, the link that sorts by it and,
// for the sorted column, its aria-sort.
type sortHead struct {
	Label, Key, URL, AriaSort string
	Num                       bool
}

// schoolSorts are the list's sort keys: the two text columns, then one per
// store.SchoolListIndicators column, in order.
var schoolSorts = []string{"name", "phase", "ehcp", "support", "absence", "suspension"}

// laSchoolRow is one school of the list as a download row.
type laSchoolRow struct {
	URN              string   `json:"urn"`
	Name             string   `json:"name"`
	Phase            string   `json:"phase"`
	Type             string   `json:"school_type"`
	Status           string   `json:"status"`
	EHCPPeriod       string   `json:"ehcp_period"`
	EHCP             *float64 `json:"ehcp_pct"`
	EHCPStatus       string   `json:"ehcp_status"`
	SupportPeriod    string   `json:"sen_support_period"`
	Support          *float64 `json:"sen_support_pct"`
	SupportStatus    string   `json:"sen_support_status"`
	AbsencePeriod    string   `json:"absence_period"`
	Absence          *float64 `json:"absence_pct"`
	AbsenceStatus    string   `json:"absence_status"`
	SuspensionPeriod string   `json:"suspension_period"`
	Suspension       *float64 `json:"suspension_rate"`
	SuspensionStatus string   `json:"suspension_status"`
}

// laSchools shows an LA's schools. The list is its own page, linked from
// the LA page's facts and its "Schools" section, not a table on the LA
// page: the LA page had 2.1 ms to spare of its 25 ms p95 budget, and the
// largest LAs have 700 schools (Lancashire 716, Kent 712), whose rows cost
// several times a whole LA page (see SchoolRows). Bad sort, order, phase,
// status or year values are a 400 page saying what is accepted.
func (s *server) laSchools(c *echo.Context) (*pageResult, error) {
	code := c.Param("code")
	if err := checkLACode(code); err != nil {
		return nil, err
	}
	p, year, err := listChoices(c)
	if err != nil {
		return nil, err
	}
	l, err := s.st.LASchools(c.Request().Context(), code, year)
	if err != nil {
		return nil, err
	}
	if l.LA.Code != code {
		return &pageResult{Redirect: "/las/" + l.LA.Code + "/schools"}, nil
	}
	if year != 0 {
		i := slices.Index(l.Years, year)
		if i < 0 {
			return nil, badInput("%s's schools have no figures for %d: choose a year from the list on the page.", l.LA.Name, year)
		}
		p.Period = l.Periods[i]
	}
	p.List = l
	for _, sc := range l.Schools {
		if sc.Phase != "" && !slices.Contains(p.Phases, sc.Phase) {
			p.Phases = append(p.Phases, sc.Phase)
		}
	}
	slices.Sort(p.Phases)
	if p.Phase != "all" && !slices.Contains(p.Phases, p.Phase) {
		return nil, badInput("%s has no schools of phase %q: use all or one of %s.", l.LA.Name, clip(p.Phase), strings.Join(p.Phases, ", "))
	}
	p.Rows = filterSchools(l.Schools, p.Phase, p.Status)
	sortSchools(p.Rows, p.Sort, p.Order)
	p.Cols = sortHeads(c.Request().URL.Path, c.QueryParams(), p.Sort, p.Order)
	p.Summary = laSchoolsSummary(&p)
	return &pageResult{Template: "laschools", Title: "Schools in " + l.LA.Name, Data: p,
		API:    laSchoolsAPI{LASchools: l, Schools: p.Rows},
		Tables: tables("", tableOf(downloadRows(p.Rows))),
		File:   "la-" + l.LA.Code + "-schools"}, nil
}

// listChoices reads the list's sort, order, phase, status and year from
// the query; the phase is checked against the LA's schools later.
func listChoices(c *echo.Context) (laSchoolsPage, int, error) {
	p := laSchoolsPage{Sort: cmp.Or(c.QueryParam("sort"), "name"),
		Phase: cmp.Or(c.QueryParam("phase"), "all"), Status: cmp.Or(c.QueryParam("status"), "open")}
	if !slices.Contains(schoolSorts, p.Sort) {
		return p, 0, badInput("%q is not a column to sort by: use one of %s.", clip(p.Sort), strings.Join(schoolSorts, ", "))
	}
	p.Order = cmp.Or(c.QueryParam("order"), defaultOrder(p.Sort))
	if p.Order != "asc" && p.Order != "desc" {
		return p, 0, badInput("%q is not an order: use asc or desc.", clip(p.Order))
	}
	if !slices.Contains([]string{"open", "closed", "all"}, p.Status) {
		return p, 0, badInput("%q is not a school status: use open, closed or all.", clip(p.Status))
	}
	year, err := queryYear(c)
	return p, year, err
}

// laSchoolsAPI is the list as /api gives it: the schools shown, in order.
type laSchoolsAPI struct {
	*store.LASchools
	Schools []store.LASchool `json:"schools"`
}

// defaultOrder is the order a column sorts in first: names A to Z, figures
// highest first.
func defaultOrder(key string) string {
	if key == "name" || key == "phase" {
		return "asc"
	}
	return "desc"
}

// filterSchools keeps the schools of a phase ("all": any) and status:
// "open" keeps open schools and those whose status is not published.
func filterSchools(all []store.LASchool, phase, status string) []store.LASchool {
	var out []store.LASchool
	for _, sc := range all {
		closed := sc.Status == "closed"
		if (phase == "all" || sc.Phase == phase) &&
			(status == "all" || closed == (status == "closed")) {
			out = append(out, sc)
		}
	}
	return out
}

// sortSchools sorts by a column; schools without a figure (or, by name,
// without a published name) go last in either order, and ties keep name
// order (the store's order).
func sortSchools(rows []store.LASchool, key, order string) {
	col := slices.Index(schoolSorts, key) - 2
	sign := 1
	if order == "desc" {
		sign = -1
	}
	if key == "name" {
		if order == "desc" { // Z to A, unnamed schools still last
			slices.Reverse(rows)
			slices.SortStableFunc(rows, func(a, b store.LASchool) int { return cmp.Compare(btoi(a.Name == ""), btoi(b.Name == "")) })
		}
		return
	}
	slices.SortStableFunc(rows, func(a, b store.LASchool) int {
		if key == "phase" {
			return sign * cmp.Compare(a.Phase, b.Phase)
		}
		fa, fb := a.Figures[col], b.Figures[col]
		na, nb := fa == nil || fa.Value == nil, fb == nil || fb.Value == nil
		if na || nb {
			return cmp.Compare(btoi(na), btoi(nb))
		}
		return sign * cmp.Compare(*fa.Value, *fb.Value)
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sortHeads builds the column headers: each links to the list sorted by it
// (the sorted column's link flips the order), keeping the other query
// values; the view carries the compare selection. They come in the
// table's order: the school, its figures, then its phase (SchoolRows
// writes the type after it), so that a phone shows a figure beside the
// school's name without scrolling.
func sortHeads(path string, q url.Values, key, order string) []sortHead {
	labels := []string{"School", "Phase"}
	for _, id := range store.SchoolListIndicators {
		ind, _ := catalogue.Find(id)
		labels = append(labels, ind.Title)
	}
	out := make([]sortHead, len(schoolSorts))
	for i, k := range schoolSorts {
		h := sortHead{Label: labels[i], Key: k, Num: i >= 2}
		o := defaultOrder(k)
		if k == key {
			h.AriaSort = map[string]string{"asc": "ascending", "desc": "descending"}[order]
			o = map[string]string{"asc": "desc", "desc": "asc"}[order]
		}
		v := url.Values{}
		for name, vs := range q {
			if name != "sort" && name != "order" && name != "compare" && name != "format" && name != "table" {
				v[name] = vs
			}
		}
		v.Set("sort", k)
		v.Set("order", o)
		h.URL = path + "?" + v.Encode()
		out[i] = h
	}
	return append(append(out[:1:1], out[2:]...), out[1])
}

// downloadRows flattens the schools shown into download rows.
func downloadRows(rows []store.LASchool) []laSchoolRow {
	out := make([]laSchoolRow, len(rows))
	for i, sc := range rows {
		r := laSchoolRow{URN: sc.URN, Name: sc.Name, Phase: sc.Phase, Type: sc.Type, Status: sc.Status}
		for j, dst := range []struct {
			period, status *string
			value          **float64
		}{{&r.EHCPPeriod, &r.EHCPStatus, &r.EHCP}, {&r.SupportPeriod, &r.SupportStatus, &r.Support},
			{&r.AbsencePeriod, &r.AbsenceStatus, &r.Absence}, {&r.SuspensionPeriod, &r.SuspensionStatus, &r.Suspension}} {
			if f := sc.Figures[j]; f != nil {
				*dst.period, *dst.status, *dst.value = f.Period, f.Status, f.Value
			} else {
				*dst.status = "not_published"
			}
		}
		out[i] = r
	}
	return out
}

// laSchoolsSummary says what the list shows: "100 schools in Camden that
// are open (or whose status is not published), with each school's latest
// published figures."
func laSchoolsSummary(p *laSchoolsPage) string {
	phase := ""
	if p.Phase != "all" {
		phase = " " + p.Phase
	}
	year := "each school's latest published figures"
	if p.Period != "" {
		year = "figures for " + p.Period
	}
	if p.Status == "closed" {
		phase = " closed" + phase
	}
	n := len(p.Rows)
	schools := fmt.Sprintf("%d%s school%s in %s", n, phase, plural(float64(n)), p.List.LA.Name)
	switch p.Status {
	case "all":
		schools += ", open and closed"
	case "open":
		schools += map[bool]string{true: " that is", false: " that are"}[n == 1] + " open (or whose status is not published)"
	}
	return schools + ", with " + year + "."
}

// SchoolRows is the list's table body, printed by Go like leagueRows
// (league.go) rather than by a template: as template rows a 712-school
// list (Kent, every school) spent 60% of its CPU in html/template's
// reflective calls, about 20 ms of a 32 ms request on the loaded 2-core
// machine of 2026-12-07 (BenchmarkKentSchools). Each cell says what the
// "value" and "add-compare" partials say (TestSchoolRowsMatchTemplate),
// escaped by html/template's own HTMLEscapeString.
func (v view) SchoolRows(rows []store.LASchool) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 1000)
	for i := range rows {
		sc := &rows[i]
		b.WriteString(`<tr><th scope="row"><a href="` + esc(v.SchoolURL(sc.URN)) + `">` + esc(schoolName(sc.Name, sc.URN)) + `</a>`)
		if sc.Status == "closed" {
			b.WriteString(` <span class="muted">(closed)</span>`)
		}
		b.WriteString(`</th>`)
		for _, f := range sc.Figures {
			b.WriteString(`<td class="num">`)
			if f != nil {
				writeValue(&b, f)
				b.WriteString(`<br><span class="muted">` + esc(f.Period) + `</span>`)
			} else {
				b.WriteString(notPublishedBadge)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString(`<td>` + esc(cmp.Or(sc.Phase, "not published")) + `</td><td>` + esc(cmp.Or(sc.Type, "not published")) + `</td><td>`)
		writeAddCompare(&b, v.AddCompare(sc.URN, sc.Name))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}
