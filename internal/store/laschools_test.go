package store_test

import (
	"context"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestLASchoolsMatchProfiles: every demo LA's school list has each of its
// schools once, and each school's latest figure of each listed indicator
// is the one its own profile shows for all pupils (page_school_latest);
// a chosen year gives only that year's figures. The counts the LA page
// shows add up to the list.
func TestLASchoolsMatchProfiles(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	var las []string
	rows, err := st.DB.QueryContext(ctx, "SELECT old_code FROM la ORDER BY old_code")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		las = append(las, "")
		if err := rows.Scan(&las[len(las)-1]); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	schools, figures := 0, 0
	for _, old := range las {
		l, err := st.LASchools(ctx, old, 0)
		if err != nil {
			t.Fatalf("LA %s: %v", old, err)
		}
		counts, err := st.LASchoolCounts(ctx, old)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range counts {
			n += c.Open + c.Closed
		}
		if n != len(l.Schools) {
			t.Errorf("LA %s: counts add up to %d, the list has %d", old, n, len(l.Schools))
		}
		seen := map[string]bool{}
		for _, sc := range l.Schools {
			if seen[sc.URN] {
				t.Errorf("LA %s: school %s listed twice", old, sc.URN)
			}
			seen[sc.URN] = true
			p, err := st.SchoolProfile(ctx, sc.URN)
			if err != nil {
				t.Fatalf("school %s: %v", sc.URN, err)
			}
			if p.School.LAOldCode != old || p.School.Name != sc.Name {
				t.Errorf("school %s: profile says LA %s, %q; list %s, %q", sc.URN, p.School.LAOldCode, p.School.Name, old, sc.Name)
			}
			for i, ind := range store.SchoolListIndicators {
				want := latestAll(p.Figures, ind)
				got := sc.Figures[i]
				switch {
				case want == nil && got == nil:
				case want == nil || got == nil:
					t.Errorf("school %s %s: list %v, profile %v", sc.URN, ind, got, want)
				case got.Period != want.Period || got.Status != want.Status || !sameValue(got.Value, want.Value):
					t.Errorf("school %s %s: list %s %s %v, profile %s %s %v", sc.URN, ind,
						got.Period, got.Status, got.Value, want.Period, want.Status, want.Value)
				default:
					figures++
				}
			}
		}
		schools += len(l.Schools)
		for _, y := range l.Years {
			ly, err := st.LASchools(ctx, old, y)
			if err != nil {
				t.Fatal(err)
			}
			for _, sc := range ly.Schools {
				for _, f := range sc.Figures {
					if f != nil && f.Year != y {
						t.Errorf("LA %s year %d: school %s has a %s figure", old, y, sc.URN, f.Period)
					}
				}
			}
		}
	}
	if schools == 0 || figures == 0 {
		t.Fatalf("checked %d schools and %d figures", schools, figures)
	}
	t.Logf("%d LAs, %d schools, %d figures match their profiles", len(las), schools, figures)
}

func latestAll(rows []store.ProfileRow, ind string) *store.Figure {
	for i := range rows {
		if rows[i].Indicator == ind && rows[i].Grp == "all" {
			return &rows[i].Figure
		}
	}
	return nil
}

func sameValue(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
