package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestMixAndPageOf(t *testing.T) {
	k := Keys{URNs: []string{"100001", "100002"}, LACodes: []string{"E09000007"},
		Indicators: []string{"tribunal.rate"}, SearchTerms: []string{"St Mary's"}}
	mix, err := Mix(k, "mix")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/schools/100001", "/las/E09000007", "/league/tribunal.rate",
		"/compare?urn=100001&urn=100002", "/search?q=St+Mary%27s"}
	for i, w := range want {
		if mix[i].Path != w || mix[i].Page != Pages[i] || PageOf(w) != Pages[i] {
			t.Errorf("mix[%d] = %+v (PageOf %q), want %s %s", i, mix[i], PageOf(w), Pages[i], w)
		}
	}
	if _, err := Mix(Keys{}, "school"); err == nil {
		t.Error("empty sample: want an error")
	}
	if _, err := Mix(k, "nope"); err == nil {
		t.Error("unknown page kind: want an error")
	}
}

func TestReadTargets(t *testing.T) {
	got, err := ReadTargets(strings.NewReader("# pages\n/\n\n/api/las/E09000007\n/static/css/x.css\n"))
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"home", "api", "static"}
	for i, p := range pages {
		if got[i].Page != p {
			t.Errorf("%s: page %q, want %q", got[i].Path, got[i].Page, p)
		}
	}
	if _, err := ReadTargets(strings.NewReader("schools/1\n")); err == nil {
		t.Error("a line without a leading /: want an error")
	}
}

func TestBudgets(t *testing.T) {
	b, err := ParseBudgets("school:p95=25ms, mix:rps=400")
	if err != nil || len(b) != 2 {
		t.Fatalf("%v %v", b, err)
	}
	r := &Result{Label: "school", Clients: 8, Total: Stats{P95: 30, PerSec: 500}}
	if Check(r, b) || len(r.Failures) != 1 {
		t.Errorf("p95 30 ms against 25 ms: failures %v", r.Failures)
	}
	m := &Result{Label: "mix", Total: Stats{P95: 300, PerSec: 450}}
	if !Check(m, b) {
		t.Errorf("450 req/s against 400: failures %v", m.Failures)
	}
	for _, bad := range []string{"school", "school:p95", "school:p50=1ms", "mix:rps=x"} {
		if _, err := ParseBudgets(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// TestRun drives a test server closed-loop and at a fixed rate, and counts
// statuses (a 500 fails the run, a 301 is not followed).
func TestRun(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		switch r.URL.Path {
		case "/healthz", "/ok":
			w.Write([]byte("ok"))
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		default:
			http.Error(w, "boom", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	if err := WaitHealthy(ctx, srv.URL, time.Second); err != nil {
		t.Fatal(err)
	}
	targets := []Target{{"ok", "/ok"}, {"moved", "/moved"}, {"bad", "/bad"}}
	r, err := Run(ctx, Config{Base: srv.URL, Targets: targets, Clients: 3, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.Requests == 0 || r.Total.Status["200"] == 0 || r.Total.Status["301"] == 0 || !r.Total.Failed() {
		t.Errorf("closed loop: %+v", r.Total)
	}
	if len(r.ByPage) != 3 || r.ByPage["ok"].Failed() || !r.ByPage["bad"].Failed() {
		t.Errorf("by page: %+v", r.ByPage)
	}
	r, err = Run(ctx, Config{Base: srv.URL, Targets: targets[:1], Clients: 2, Duration: time.Second, Rate: 50})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Total.Requests; got < 40 || got > 55 || r.Total.Failed() {
		t.Errorf("50 req/s for 1 s: %d requests, %v", got, r.Total.Status)
	}
}
