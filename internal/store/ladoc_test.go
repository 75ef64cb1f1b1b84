package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestLADocsMatchPageQueries checks every LA's stored document against the
// LA page queries, on the demo data and (with SENDASH_REAL_DATA) the real
// files, and that another indicator's trend is read as LATrend reads it.
func TestLADocsMatchPageQueries(t *testing.T) {
	t.Run("demo", func(t *testing.T) { checkLADocs(t, demoStore(t)) })
	t.Run("real", func(t *testing.T) { checkLADocs(t, realSchoolStore(t)) })
}

func checkLADocs(t *testing.T, st *store.Store) {
	ctx := context.Background()
	codes := column(t, st, "SELECT old_code FROM la ORDER BY old_code")
	withFigures, withTrend, withPlacement := 0, 0, 0
	for _, code := range codes {
		got, err := st.LAPage(ctx, code, "")
		if err != nil {
			t.Fatalf("LA %s: %v", code, err)
		}
		want, err := st.LAPageByPageQueries(ctx, code)
		if err != nil {
			t.Fatalf("LA %s: %v", code, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("LA %s: stored document differs from the page queries:\n got %+v\nwant %+v", code, got, want)
		}
		trend, err := st.LATrend(ctx, code, store.DefaultLAIndicator)
		if err != nil || !reflect.DeepEqual(trend, got.Trend) {
			t.Fatalf("LA %s: stored trend differs from LATrend (%v)", code, err)
		}
		if len(got.Profile.Figures) > 0 {
			withFigures++
		}
		if len(got.Trend) > 0 {
			withTrend++
		}
		if len(got.Profile.Placement) > 0 {
			withPlacement++
		}
		other, err := st.LAPage(ctx, code, "ehcp.timely")
		if err != nil {
			t.Fatalf("LA %s, ehcp.timely: %v", code, err)
		}
		if trend, err := st.LATrend(ctx, code, "ehcp.timely"); err != nil || !reflect.DeepEqual(trend, other.Trend) {
			t.Fatalf("LA %s, ehcp.timely: trend differs from LATrend (%v)", code, err)
		}
	}
	t.Logf("%d LAs: %d with figures, %d with a %s trend, %d with a placement mix", len(codes), withFigures, withTrend, store.DefaultLAIndicator, withPlacement)
	if withFigures == 0 || withTrend == 0 || withPlacement == 0 {
		t.Fatal("the check checked nothing")
	}
	for _, c := range []struct{ code, ind string }{{"999", ""}, {codes[0], "no.such"}} {
		if _, err := st.LAPage(ctx, c.code, c.ind); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("LAPage(%q, %q) = %v, want ErrNotFound", c.code, c.ind, err)
		}
	}
}

// TestLeagueDocsMatchPageQueries checks every league table's stored rows
// against league.rows.
func TestLeagueDocsMatchPageQueries(t *testing.T) {
	for name, st := range map[string]func(*testing.T) *store.Store{"demo": demoStore, "real": realSchoolStore} {
		t.Run(name, func(t *testing.T) {
			n, err := st(t).CheckLeagueDocs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Fatal("no league tables")
			}
			t.Logf("%d league tables", n)
		})
	}
}
