package fetch

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFetchAllSources serves every manifest source (real files when
// SENDASH_REAL_DATA is set) and checks each lands byte-identical, zips are
// unpacked and checked, and the fetch log records it all.
func TestFetchAllSources(t *testing.T) {
	files := sourcePayloads(t)
	ts := newTestServer(t, files)
	cfg := testConfig(t, ts)
	rep, err := Fetch(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != len(cfg.Sources) {
		t.Fatalf("got %d results, want %d", len(rep.Results), len(cfg.Sources))
	}
	for _, s := range cfg.Sources {
		if got, want := fileSHA(t, filepath.Join(cfg.Dest, s.File)), sha(files[s.Name]); got != want {
			t.Errorf("%s: sha256 %s, want %s", s.Name, got, want)
		}
	}
	for _, r := range rep.Results {
		if r.Status != StatusOK || r.SHA256 != sha(files[r.Source]) || r.Bytes != int64(len(files[r.Source])) {
			t.Errorf("result %+v", r)
		}
	}
	checkUnzipped(t, filepath.Join(cfg.Dest, "ehcp-release"), ehcpZipMembers(t))
	checkUnzipped(t, filepath.Join(cfg.Dest, "nspl"), nsplZipMembers(t))
	logged, err := ReadLog(cfg.Dest)
	if err != nil || len(logged) != len(cfg.Sources) {
		t.Fatalf("fetch log: %d entries, %v", len(logged), err)
	}
	if reqs := ts.got("gias-links"); len(reqs) != 1 {
		t.Errorf("gias-links requested %d times", len(reqs))
	}
	for _, r := range logged {
		if strings.HasPrefix(r.Source, "gias-") && !strings.HasSuffix(r.URL, "edubasealldata20250422.csv") {
			t.Errorf("%s URL %s: {date} not filled in", r.Source, r.URL)
		}
	}
}

// TestFetchRejectsWrongNSPLHeader: an NSPL zip whose main data CSV lacks
// the latitude and longitude columns is rejected, naming the member; its
// other members (documents, the per-area copies) are never checked.
func TestFetchRejectsWrongNSPLHeader(t *testing.T) {
	members := nsplZipMembers(t)
	members["Data/NSPL_MAY_2025_UK.csv"] = []byte("pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m\r\n")
	files := sourcePayloads(t)
	files["nspl"] = buildZip(t, members)
	ts := newTestServer(t, files)
	cfg := testConfig(t, ts)
	cfg.Only = []string{"nspl"}
	_, err := Fetch(context.Background(), cfg)
	want := `nspl: downloaded file's header does not look like nspl (zip member Data/NSPL_MAY_2025_UK.csv): ` +
		`first line "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m"`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

func checkUnzipped(t *testing.T, dir string, members map[string][]byte) {
	t.Helper()
	for name, want := range members {
		if got := fileSHA(t, filepath.Join(dir, filepath.FromSlash(name))); got != sha(want) {
			t.Errorf("unzipped %s differs", name)
		}
	}
}

// TestFetchHTTPErrors: a 404 is final, a 500 is retried; either way the
// error names the status and nothing is left under the final or .part name.
func TestFetchHTTPErrors(t *testing.T) {
	for _, tc := range []struct {
		code, wantRequests int
	}{
		{http.StatusNotFound, 1},
		{http.StatusInternalServerError, 3}, // MaxRetries 2
	} {
		t.Run(http.StatusText(tc.code), func(t *testing.T) {
			ts := newTestServer(t, sourcePayloads(t))
			ts.handle("school-census", func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "nope", tc.code)
			})
			cfg := testConfig(t, ts)
			cfg.Only = []string{"school-census"}
			rep, err := Fetch(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), "school-census: GET") ||
				!strings.Contains(err.Error(), http.StatusText(tc.code)) {
				t.Fatalf("err = %v", err)
			}
			if n := len(ts.got("school-census")); n != tc.wantRequests {
				t.Errorf("%d requests, want %d", n, tc.wantRequests)
			}
			if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
				t.Errorf("left behind: %v", got)
			}
			r := rep.Results[0]
			if r.Status != StatusFailed || r.HTTPStatus != tc.code || r.Error == "" {
				t.Errorf("result %+v", r)
			}
		})
	}
}

// TestFetchRejectsWrongHeader: an HTML page served as the census CSV is
// rejected with a clear message and removed.
func TestFetchRejectsWrongHeader(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	ts.handle("school-census", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html>\n<html><body>Service unavailable</body></html>\n"))
	})
	cfg := testConfig(t, ts)
	cfg.Only = []string{"school-census"}
	_, err := Fetch(context.Background(), cfg)
	want := `school-census: downloaded file's header does not look like perf_census: first line "<!DOCTYPE html>"`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Error("not a *HeaderError")
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

// TestFetchRejectsBadZipMember: a release zip whose data file is not EES
// tidy is rejected; neither the zip nor its folder is kept.
func TestFetchRejectsBadZipMember(t *testing.T) {
	members := ehcpZipMembers(t)
	members["data/broken.csv"] = []byte("Table 1: not tidy data\r\n1,2,3\r\n")
	files := sourcePayloads(t)
	files["ehcp-release"] = buildZip(t, members)
	ts := newTestServer(t, files)
	cfg := testConfig(t, ts)
	cfg.Only = []string{"ehcp-release"}
	_, err := Fetch(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "(zip member data/broken.csv)") {
		t.Fatalf("err = %v", err)
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

// TestFetchCancel: cancelling mid-download stops at once and leaves
// nothing behind.
func TestFetchCancel(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	started := make(chan struct{})
	ts.handle("school-census", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte("URN,LA,Estab,NOR,TSENELSE,PSENELK\r\n"))
		w.(http.Flusher).Flush()
		close(started)
		<-r.Context().Done()
	})
	cfg := testConfig(t, ts)
	cfg.Only = []string{"school-census", "school-absence"}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	rep, err := Fetch(ctx, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := len(ts.got("school-census")); n != 1 {
		t.Errorf("%d requests after cancel, want 1", n)
	}
	if len(rep.Results) != 1 || len(ts.got("school-absence")) != 0 {
		t.Errorf("went on after cancel: %+v", rep.Results)
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

// TestFetchKeepsOtherLogEntries: a second run with --only updates its own
// entry in the fetch log and keeps the rest.
func TestFetchKeepsOtherLogEntries(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	cfg := testConfig(t, ts)
	for _, only := range []string{"school-census", "gias-links", "school-census"} {
		cfg.Only = []string{only}
		if _, err := Fetch(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	logged, err := ReadLog(cfg.Dest)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range logged {
		names = append(names, r.Source)
	}
	if !slices.Equal(names, []string{"gias-links", "school-census"}) {
		t.Errorf("log sources %v", names)
	}
	if _, err := os.Stat(filepath.Join(cfg.Dest, LogName+".tmp")); err == nil {
		t.Error("temporary log left behind")
	}
}

// TestFetchUnknownSource fails before downloading anything.
func TestFetchUnknownSource(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	cfg := testConfig(t, ts)
	cfg.Only = []string{"school-census", "no-such-source"}
	if _, err := Fetch(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "no-such-source") {
		t.Fatalf("err = %v", err)
	}
	if n := len(ts.got("school-census")); n != 0 {
		t.Errorf("%d requests", n)
	}
}

// TestFetchRejectsHTMLForZip: an error page where a release zip should be
// is reported with its first line.
func TestFetchRejectsHTMLForZip(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	ts.handle("ehcp-release", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html>\n<p>Release not found</p>\n"))
	})
	cfg := testConfig(t, ts)
	cfg.Only = []string{"ehcp-release"}
	_, err := Fetch(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), `ehcp-release: downloaded file is not a readable zip archive (first line "<!DOCTYPE html>")`) {
		t.Fatalf("err = %v", err)
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

// TestFetchFailureKeepsEarlierCopy: a failed refresh leaves the complete
// file (and unpacked folder) of an earlier run untouched.
func TestFetchFailureKeepsEarlierCopy(t *testing.T) {
	files := sourcePayloads(t)
	ts := newTestServer(t, files)
	cfg := testConfig(t, ts)
	cfg.Only = []string{"school-census", "ehcp-release"}
	if _, err := Fetch(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	fail := func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) }
	ts.handle("school-census", fail)
	ts.handle("ehcp-release", fail)
	if _, err := Fetch(context.Background(), cfg); err == nil {
		t.Fatal("no error")
	}
	if got := fileSHA(t, filepath.Join(cfg.Dest, "england_census_2024-2025.csv")); got != sha(files["school-census"]) {
		t.Error("earlier census copy changed")
	}
	checkUnzipped(t, filepath.Join(cfg.Dest, "ehcp-release"), ehcpZipMembers(t))
	logged, _ := ReadLog(cfg.Dest)
	for _, r := range logged {
		if r.Status != StatusFailed {
			t.Errorf("log says %s for %s", r.Status, r.Source)
		}
	}
}
