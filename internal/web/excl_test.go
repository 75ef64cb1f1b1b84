package web

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/testdb"
)

// demoServer is the whole Echo stack over the database ingested from the
// committed demo data, opened as `sendash serve` opens it.
func demoServer(t *testing.T) http.Handler {
	t.Helper()
	st := testdb.Open(t, testdb.Demo(t))
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestExclusionPagesOnDemo checks that exclusions reach every level: the
// three league tables answer, an LA page has its "Suspensions and
// exclusions" section (and does not list the theme as missing), and a school
// page has its LA's and England's exclusion rates beside its own.
func TestExclusionPagesOnDemo(t *testing.T) {
	h := demoServer(t)
	for _, ind := range []string{"excl.suspension", "excl.permanent", "excl.oneplus"} {
		path := "/league/" + ind
		code, _, body := get(t, h, path)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d", path, code)
		}
		mustContain(t, path, body, "Grumblecombe", "England")
	}
	_, _, body := get(t, h, "/las/E06900002")
	mustContain(t, "/las/E06900002", body, `id="theme-excl"`, "Suspensions and exclusions")
	if i := strings.Index(body, `id="theme-missing"`); i >= 0 && strings.Contains(body[i:], "Suspensions and exclusions") {
		t.Error("/las/E06900002 lists exclusions as not published for LAs")
	}
	_, _, body = get(t, h, "/api/schools/900066")
	for _, w := range []string{`"indicator":"excl.suspension"`, `"la_grp":"primary"`} {
		if !strings.Contains(body, w) {
			t.Errorf("/api/schools/900066 lacks %s", w)
		}
	}
}

// TestFlagsSayNotEnoughYears checks the flag summary of pages: a school
// where a rule had too few years says "not enough years to judge", never
// "none fired"; the planted excluding school shows its flag.
func TestFlagsSayNotEnoughYears(t *testing.T) {
	h := demoServer(t)
	_, _, body := get(t, h, "/schools/900066")
	mustContain(t, "/schools/900066", body, "not enough years to judge", `id="flags-unjudged"`,
		"school.suspension_top_tenth")
	if strings.Contains(body, "none fired") {
		t.Error(`/schools/900066 says "none fired" although a rule could not be judged`)
	}
	_, _, body = get(t, h, "/schools/920076")
	mustContain(t, "/schools/920076", body, "Permanent exclusion rate above 3 times its LA", "2023/24, 2024/25")
}
