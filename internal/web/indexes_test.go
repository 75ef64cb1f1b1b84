package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestIndexPagesListEverything: /league links every league table the
// store has, /las every LA with its codes, and each link answers.
func TestIndexPagesListEverything(t *testing.T) {
	h, st := testServer(t)
	ctx := context.Background()

	infos, err := st.LeagueIndicators(ctx)
	if err != nil || len(infos) == 0 {
		t.Fatalf("league indicators: %d, %v", len(infos), err)
	}
	code, _, body := get(t, h, "/league")
	if code != http.StatusOK {
		t.Fatalf("/league: %d", code)
	}
	for _, i := range infos {
		link := `href="/league/` + i.ID + `"`
		if !strings.Contains(body, link) {
			t.Errorf("/league lacks %s (%s)", link, i.Title)
		}
		if c, _, _ := get(t, h, "/league/"+i.ID); c != http.StatusOK {
			t.Errorf("/league/%s: %d", i.ID, c)
		}
	}

	las, err := st.LAs(ctx)
	if err != nil || len(las) == 0 {
		t.Fatalf("LAs: %d, %v", len(las), err)
	}
	code, _, body = get(t, h, "/las")
	if code != http.StatusOK {
		t.Fatalf("/las: %d", code)
	}
	for _, la := range las {
		if !strings.Contains(body, `href="/las/`+la.Code+`"`) || !strings.Contains(body, "<td>"+la.OldCode+"</td>") {
			t.Errorf("/las lacks %s (%s, %s)", la.Name, la.Code, la.OldCode)
		}
	}
	if c, _, _ := get(t, h, "/las/"+las[0].Code); c != http.StatusOK {
		t.Errorf("/las/%s: %d", las[0].Code, c)
	}
	// both are in the navigation of every page
	_, _, home := get(t, h, "/")
	mustContain(t, "/", home, `<a href="/league">League tables</a>`, `<a href="/las">Local authorities</a>`)
	if c, ct, csv := get(t, h, "/las?format=csv"); c != http.StatusOK || !strings.HasPrefix(ct, "text/csv") || strings.Count(csv, "\n") < len(las) {
		t.Errorf("/las CSV: %d %q, %d lines for %d LAs", c, ct, strings.Count(csv, "\n"), len(las))
	}
}
