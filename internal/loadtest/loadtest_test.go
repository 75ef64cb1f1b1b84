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

// TestConn checks the load generator's own HTTP client: chunked and
// fixed-length bodies read whole, gzip asked for and not decoded, a server
// that closes the connection (by header, or idle between requests) handled
// by reconnecting, and a dead server reported as an error.
func TestConn(t *testing.T) {
	big := strings.Repeat("sendash ", 10000)
	var reqs atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.Add(1)
		if r.Header.Get("Accept-Encoding") != "gzip" || r.Host == "" {
			http.Error(w, "headers", http.StatusBadRequest)
			return
		}
		switch r.URL.Path {
		case "/chunked":
			w.Write([]byte(big[:5000]))
			w.(http.Flusher).Flush()
			w.Write([]byte(big[5000:]))
		case "/close":
			w.Header().Set("Connection", "close")
			w.Write([]byte("bye"))
		default:
			w.Write([]byte("ok"))
		}
	}))
	srv.Config.IdleTimeout = 50 * time.Millisecond
	srv.Start()
	defer srv.Close()
	cs, err := newConns(srv.URL, 1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	defer c.close()
	for i, tc := range []struct {
		path  string
		pause time.Duration
		n     int64
	}{{"/ok", 0, 2}, {"/chunked", 0, int64(len(big))}, {"/close", 0, 3}, {"/ok", 0, 2},
		{"/ok", 200 * time.Millisecond, 2}, {"/chunked", 0, int64(len(big))}} {
		time.Sleep(tc.pause) // past the server's idle timeout: it closes the connection
		status, n, err := c.get(tc.path)
		if err != nil || status != http.StatusOK || n != tc.n {
			t.Errorf("%d %s: status %d, %d bytes, %v; want 200, %d bytes", i, tc.path, status, n, err, tc.n)
		}
	}
	if _, err := newConns("https://example.org", 1, time.Second); err == nil {
		t.Error("https accepted")
	}
	srv.Close()
	if _, _, err := c.get("/ok"); err == nil {
		t.Error("no error from a closed server")
	}
}

// TestTimeline takes readings during a fixed-rate run: the last one counts
// every measured request and failure, and none of the prefill's.
func TestTimeline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	var seen atomic.Int64
	r, err := Run(context.Background(), Config{Base: srv.URL, Targets: []Target{{"ok", "/ok"}, {"bad", "/bad"}},
		Clients: 2, Duration: 500 * time.Millisecond, Rate: 40, Prefill: true,
		Every: 100 * time.Millisecond, Progress: func(Point) { seen.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	tl := r.Timeline
	if len(tl) < 3 || int(seen.Load()) != len(tl) || tl[0].Requests != 0 {
		t.Fatalf("timeline %+v, %d passed to Progress", tl, seen.Load())
	}
	last := tl[len(tl)-1]
	if last.Requests != int64(r.Total.Requests) || last.Failed != int64(r.Total.Status["500"]) || last.Failed == 0 {
		t.Errorf("last point %+v, totals %+v", last, r.Total)
	}
}

func TestCheckGrowth(t *testing.T) {
	run := func(kb ...int64) *Result {
		r := &Result{Label: "pages", Clients: 8}
		for i, k := range kb {
			r.Timeline = append(r.Timeline, Point{Seconds: float64(30 * i), RSSKB: k})
		}
		return r
	}
	// Settled at 60 s (200 MB): 290 MB at the end is within half, 310 MB is not.
	if r := run(100, 150, 200, 250, 290); !CheckGrowth(r, 0.5) {
		t.Errorf("within: %v", r.Failures)
	}
	if r := run(100, 150, 200, 250, 310); CheckGrowth(r, 0.5) || len(r.Failures) != 1 {
		t.Errorf("over: %v", r.Failures)
	}
	if !CheckGrowth(&Result{}, 0.5) {
		t.Error("no readings: want a pass")
	}
}
