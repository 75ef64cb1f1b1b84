package fetch

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendash/sendash/data"
)

// fetchTime is the fixed clock of every test; {date} becomes 20250422.
var fetchTime = time.Date(2025, 4, 22, 12, 0, 0, 0, time.UTC)

// payload returns a real published file from $SENDASH_REAL_DATA when the
// variable is set (failing if the file is missing), else a made-up fixture
// from testdata/.
func payload(t *testing.T, real, fixtureName string) []byte {
	t.Helper()
	if dir := os.Getenv("SENDASH_REAL_DATA"); dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, real))
		if err != nil {
			t.Fatalf("SENDASH_REAL_DATA is set but %s is missing: %v", real, err)
		}
		return b
	}
	return fixture(t, fixtureName)
}

// fixture reads a made-up file from testdata/; used for layouts that no
// real file in the shared data has (so real and fixture mode agree).
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// buildZip makes a zip archive of the named members, in name order.
func buildZip(t *testing.T, members map[string][]byte) []byte {
	t.Helper()
	names := make([]string, 0, len(members))
	for n := range members {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(members[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ehcpZipMembers are the members of the EHC plans release zip the tests
// build: two EES tidy data files, a supporting file and the data guidance.
func ehcpZipMembers(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"data/timeliness_20_week.csv": payload(t, "ehcp-la/release-2025/timeliness_20_week.csv", "ees_tidy.csv"),
		"data/requests.csv":           payload(t, "ehcp-la/release-2025/requests.csv", "ees_tidy.csv"),
		"supporting-files/SEND Tribunals and appeal rate 2014-2024.csv": payload(t,
			"tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv", "appeal_rate_table.csv"),
		"data-guidance/data-guidance.txt": payload(t, "ehcp-la/release-2025/data-guidance.txt", "data_guidance.txt"),
	}
}

// sourcePayloads returns what the test server serves for every source in
// the embedded manifest.
func sourcePayloads(t *testing.T) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"school-census":           payload(t, "current-releases/performance-tables-2024-2025/england_census.csv", "census.csv"),
		"school-absence":          payload(t, "absence-school/england_abs_2018-19_performance_tables.csv", "absence.csv"),
		"school-ks4":              payload(t, "ks4-sen/england_ks4provisional_2018-19_performance_tables_school_level.csv", "ks4.csv"),
		"school-ks4-destinations": payload(t, "current-releases/performance-tables-2024-2025/england_ks4-pupdest.csv", "ks4_dest.csv"),
		"la-region-codes": buildZip(t, map[string][]byte{
			"2023-2024/la_and_region_codes_meta.csv": payload(t, "gias/la_and_region_codes_meta.csv", "la_region_codes.csv"),
			"2023-2024/ks4_meta.csv":                 []byte("Metafile heading,Metafile description\r\n"),
		}),
		"ehcp-release": buildZip(t, ehcpZipMembers(t)),
		// No shared real file has these two school-level EES layouts.
		"sen-school-level":              fixture(t, "ees_sen_school.csv"),
		"exclusions-school":             fixture(t, "ees_exc_school.csv"),
		"exclusions-la-characteristics": payload(t, "exclusions-la-characteristics/exclusions_by_characteristic_national_2011-12_to_2016-17.csv", "ees_exc_characteristics.csv"),
		"send-appeal-rate":              payload(t, "tribunal-send-la/SEND_Appeal_Rate_Table_2022.ods", "fake.ods"),
		"lait":                          payload(t, "lait-la-indicators/bds_long_0.parquet", "fake.parquet"),
		"stat-neighbours":               payload(t, "lait-la-indicators/statistical_neighbours_sn_may_2025.xlsx", "fake.xlsx"),
		"gias-links":                    payload(t, "gias/links_edubasealldata20250422.csv", "gias_links.csv"),
		// No real copy of these two: the shared school list is the
		// 2017-2018 spine xlsx, not the CSV the manifest fetches, and the
		// GIAS extract was too big to store.
		"school-information":  fixture(t, "school_information.csv"),
		"gias-establishments": fixture(t, "gias_establishments.csv"),
		"nspl":                buildZip(t, nsplZipMembers(t)),
		"la-boundaries": payload(t, "la-boundaries/Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC.geojson",
			"la_boundaries.geojson"),
	}
}

// nsplZipMembers are the members of the NSPL zip the tests build: the main
// data CSV (the NSPL header; real latitudes and longitudes, the other
// columns made up), a per-area copy, and documents that are not CSV.
func nsplZipMembers(t *testing.T) map[string][]byte {
	data := fixture(t, "nspl_data.csv")
	return map[string][]byte{
		"Data/NSPL_MAY_2025_UK.csv":                          data,
		"Data/multi_csv/NSPL_MAY_2025_UK_NW.csv":             data,
		"Documents/LA_UA names and codes UK as at 04_25.csv": []byte("LAD25CD,LAD25NM\r\nE09000007,Camden\r\n"),
		"User Guide/NSPL User Guide May 2025.pdf":            []byte("%PDF-1.7 made up\n"),
	}
}

// testServer serves /src/<name> from files with Range support, records the
// requests it gets, and lets a test replace the handler of one source.
type testServer struct {
	*httptest.Server
	files map[string][]byte

	mu       sync.Mutex
	requests map[string][]*http.Request
	override map[string]http.HandlerFunc
}

func newTestServer(t *testing.T, files map[string][]byte) *testServer {
	ts := &testServer{files: files, requests: map[string][]*http.Request{}, override: map[string]http.HandlerFunc{}}
	ts.Server = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) serve(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/src/")
	ts.mu.Lock()
	ts.requests[name] = append(ts.requests[name], r)
	h := ts.override[name]
	ts.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	ts.serveFile(w, r)
}

// serveFile serves /src/<name> from files, with Range support.
func (ts *testServer) serveFile(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/src/")
	b, ok := ts.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

func (ts *testServer) handle(name string, h http.HandlerFunc) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.override[name] = h
}

func (ts *testServer) got(name string) []*http.Request {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]*http.Request(nil), ts.requests[name]...)
}

// manifest loads the embedded manifest.
func manifest(t *testing.T) []Source {
	t.Helper()
	sources, err := LoadManifest(data.SourcesJSON())
	if err != nil {
		t.Fatal(err)
	}
	return sources
}

// testConfig fetches the embedded manifest from ts into a new temporary
// folder, with tiny backoff and a fixed clock.
func testConfig(t *testing.T, ts *testServer) Config {
	sources := manifest(t)
	byURL := map[string]string{}
	for _, s := range sources {
		byURL[expandURL(s.URL, fetchTime)] = s.Name
	}
	return Config{
		Dest:    t.TempDir(),
		Sources: sources,
		Client:  ts.Client(),
		Rewrite: func(u string) string {
			name, ok := byURL[u]
			if !ok {
				t.Errorf("unexpected URL %s", u)
			}
			return ts.URL + "/src/" + name
		},
		Logger:     slog.New(slog.NewTextHandler(t.Output(), nil)),
		MaxRetries: 2,
		Backoff:    time.Millisecond,
		Now:        func() time.Time { return fetchTime },
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func fileSHA(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return sha(b)
}

// dirNames lists the entries of dir, to check nothing was left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
