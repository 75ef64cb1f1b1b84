package store

import (
	"cmp"
	"context"
	"slices"
)

// LAs returns every LA the loaded files name, by region then name (an LA
// with no region last), for the index of LAs.
func (s *Store) LAs(ctx context.Context) ([]LA, error) {
	d, err := s.laDirectory(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]LA, 0, len(d.byOld))
	for _, la := range d.byOld {
		out = append(out, la)
	}
	slices.SortFunc(out, func(a, b LA) int {
		noRegion := func(la LA) int {
			if la.RegionName == "" {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(noRegion(a), noRegion(b)), cmp.Compare(a.RegionName, b.RegionName),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.OldCode, b.OldCode))
	})
	return out, nil
}

// LeagueSpan is the years and groups one league table covers.
type LeagueSpan struct {
	First, Last string // period labels of the oldest and newest year
	Years       int
	Groups      []string
}

// LeagueSpans returns, for each indicator with LA figures, the years and
// groups its league table covers.
func (s *Store) LeagueSpans(ctx context.Context) (map[string]LeagueSpan, error) {
	all, err := s.leaguePeriodMap(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]LeagueSpan, len(all))
	for ind := range all {
		years, periods, groups, err := s.leagueChoices(ctx, ind)
		if err != nil || len(years) == 0 {
			continue
		}
		sp := LeagueSpan{Last: periods[0], First: periods[len(periods)-1], Years: len(years)}
		for _, y := range years {
			for _, g := range groups[y] {
				if !slices.Contains(sp.Groups, g) {
					sp.Groups = append(sp.Groups, g)
				}
			}
		}
		out[ind] = sp
	}
	return out, nil
}
