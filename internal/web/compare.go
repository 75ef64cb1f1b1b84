package web

import (
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
	Schools []store.SchoolProfile
	Rows    []compareRow
}

// compareCell is one school's figure for the download.
type compareCell struct {
	URN    string `json:"urn"`
	School string `json:"school"`
	store.ProfileRow
}

// compare shows 2-4 schools side by side, indicator by indicator.
func (s *server) compare(c *echo.Context) (*pageResult, error) {
	urns := c.QueryParams()["urn"]
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
	p := comparePage{Schools: profiles}
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
