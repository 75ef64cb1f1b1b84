package web

import (
	"cmp"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// noPlaceReason says why a school has no place, so no nearby schools:
// "no postcode published", or "its postcode is not in the loaded postcode
// lookup" (which includes a lookup that gives the postcode no place).
func noPlaceReason(d *store.SchoolDetails) string {
	if strings.TrimSpace(d.Postcode) == "" {
		return "no postcode published for it and no grid reference in GIAS"
	}
	return "its postcode (" + d.Postcode + ") is not in the loaded postcode lookup and GIAS gives no grid reference"
}

// staleAge is how many years older than the newest loaded a school's figure
// must be for the page to say so (SPEC, Pages: a warning when the school
// figures are old).
const staleAge = 2

// freshness is the school page's warning about old figures: either every
// figure is old (All: "These school figures are from 2018/19; figures for
// Camden run to 2024/25"), or some are (Stale, one line per pair of
// periods). Zero when no figure is staleAge years older than the newest
// loaded for the same indicator.
type freshness struct {
	All           bool
	School, Newer string // All: the school's newest period and the area's
	Area          string // the LA's name, or "England"
	Stale         []staleFigures
}

// staleFigures are indicators whose school figure is from Period while the
// area's run to Newer.
type staleFigures struct {
	Titles        []string
	Period, Newer string
	Area          string
}

// TitleList is the indicators' titles as a list for a sentence.
func (s staleFigures) TitleList() string { return andList(s.Titles) }

// schoolFreshness compares each indicator's latest school figure with the
// newest period loaded for the school's LA (or England) of that indicator.
func schoolFreshness(prof *store.SchoolProfile, newest []store.NewestPeriod) freshness {
	var f freshness
	byInd := map[string]store.NewestPeriod{}
	for _, n := range newest {
		byInd[n.Indicator] = n
	}
	var own, area store.Period
	ownStale := true
	for _, r := range latestRows(prof.Figures) {
		n, ok := byInd[r.Indicator]
		if !ok {
			continue
		}
		if later(store.Period{Period: r.Period, Year: r.Year}, own) {
			own = store.Period{Period: r.Period, Year: r.Year}
		}
		if later(n.Period, area) {
			area = n.Period
			f.Area = areaName(prof, n.InLA)
		}
		if n.Year-r.Year < staleAge {
			ownStale = false
			continue
		}
		an := areaName(prof, n.InLA)
		i := len(f.Stale) - 1
		for ; i >= 0; i-- {
			if s := f.Stale[i]; s.Period == r.Period && s.Newer == n.Period.Period && s.Area == an {
				break
			}
		}
		if i < 0 {
			f.Stale = append(f.Stale, staleFigures{Period: r.Period, Newer: n.Period.Period, Area: an})
			i = len(f.Stale) - 1
		}
		f.Stale[i].Titles = append(f.Stale[i].Titles, r.Title)
	}
	if len(f.Stale) > 0 && ownStale && area.Year-own.Year >= staleAge {
		f.All, f.School, f.Newer = true, own.Period, area.Period
	}
	return f
}

// latestRows is each indicator's latest row of a profile (the greatest
// year, then period), in the profile's order.
func latestRows(rows []store.ProfileRow) []store.ProfileRow {
	var out []store.ProfileRow
	for _, r := range rows {
		n := len(out)
		switch {
		case n == 0 || out[n-1].Indicator != r.Indicator:
			out = append(out, r)
		case later(store.Period{Period: r.Period, Year: r.Year}, store.Period{Period: out[n-1].Period, Year: out[n-1].Year}):
			out[n-1] = r
		}
	}
	return out
}

func later(a, b store.Period) bool {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Period, b.Period)) > 0
}

func areaName(prof *store.SchoolProfile, inLA bool) string {
	if inLA && prof.School.LAName != "" {
		return prof.School.LAName
	}
	return "England"
}
