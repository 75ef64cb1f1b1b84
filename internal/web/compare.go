package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// compareRow is one indicator across the compared schools (one cell each).
type compareRow struct {
	Indicator string
	Grp       string
	Title     string
	Caveat    string
	Cells     []*store.ProfileRow
}

// comparePage sets 2-4 schools side by side.
type comparePage struct {
	Schools    []store.SchoolProfile
	Rows       []compareRow
	URNs       []string
	MixedTypes bool // the schools are of different type groups (e.g. special and mainstream)
}

// Without returns the compare URL with one school left out ("" when fewer
// than two would remain).
func (p comparePage) Without(urn string) string {
	if len(p.URNs) <= 2 {
		return ""
	}
	q := url.Values{}
	for _, u := range p.URNs {
		if u != urn {
			q.Add("urn", u)
		}
	}
	return "/compare?" + q.Encode()
}

// compareCell is one school's figure for the download.
type compareCell struct {
	URN    string `json:"urn"`
	School string `json:"school"`
	store.ProfileRow
}

// compare shows 2-4 schools side by side, indicator by indicator.
func (s *server) compare(c *echo.Context) (*pageResult, error) {
	urns := compareURNs(c.QueryParams()["urn"])
	if len(urns) < 2 || len(urns) > 4 {
		return nil, badInput("Compare 2 to 4 schools: add each URN as urn=…, like /compare?urn=100001&urn=100002.")
	}
	for _, u := range urns {
		if err := checkURN(u); err != nil {
			return nil, err
		}
	}
	profiles, err := s.st.CompareSchools(c.Request().Context(), urns)
	if err != nil {
		return nil, err
	}
	p := comparePage{Schools: profiles, URNs: urns}
	for _, prof := range profiles {
		if prof.School.TypeGroup != profiles[0].School.TypeGroup {
			p.MixedTypes = true
		}
	}
	var cells []compareCell
	for i, prof := range profiles {
		for j := range prof.Figures {
			f := &prof.Figures[j]
			cells = append(cells, compareCell{URN: prof.School.URN, School: prof.School.Name, ProfileRow: *f})
			k := slices.IndexFunc(p.Rows, func(r compareRow) bool { return r.Indicator == f.Indicator && r.Grp == f.Grp })
			if k < 0 {
				p.Rows = append(p.Rows, compareRow{Indicator: f.Indicator, Grp: f.Grp, Title: f.Title,
					Caveat: f.Caveat, Cells: make([]*store.ProfileRow, len(profiles))})
				k = len(p.Rows) - 1
			}
			p.Rows[k].Cells[i] = f
		}
	}
	slices.SortStableFunc(p.Rows, func(a, b compareRow) int {
		return strings.Compare(a.Indicator+"/"+a.Grp, b.Indicator+"/"+b.Grp)
	})
	return &pageResult{Template: "compare", Title: "Compare schools", Data: p, API: profiles,
		Tables: tables("", tableOf(cells)), File: "compare-" + strings.Join(urns, "-")}, nil
}

// compareURNs drops empty and repeated URNs, so the "add a school" form can
// submit an empty box or a school already on the page.
func compareURNs(in []string) []string {
	var out []string
	for _, u := range in {
		u = strings.TrimSpace(u)
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
