package main

// Fault tests drive the real binary (built once per test run with go build)
// through os/exec: kill -9 mid-ingest while a server answers from the
// previous database, a full disk, a missing or corrupt database at serve
// start, request deadlines, and (SENDASH_BIG_TEST=1) a file far larger than
// the memory limit. The full-disk test mounts a tmpfs and so needs root;
// elsewhere it skips and says why.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sendash/sendash/internal/store"
)

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

// TestMain removes the binary the fault tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// sendashBin builds the command once for all fault tests.
func sendashBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		var err error
		if binDir, err = os.MkdirTemp("", "sendash-fault-bin-"); err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(binDir, "sendash")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// sendash runs a command to completion and returns its combined output
// and exit code.
func sendash(t *testing.T, timeout time.Duration, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, sendashBin(t), args...).CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("sendash %s: still running after %v\n%s", strings.Join(args, " "), timeout, out)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

func mustSendash(t *testing.T, timeout time.Duration, args ...string) string {
	t.Helper()
	out, code := sendash(t, timeout, args...)
	if code != 0 {
		t.Fatalf("sendash %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func sha(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// server is a running `sendash serve`.
type serveProc struct {
	cmd  *exec.Cmd
	url  string
	logs *bytes.Buffer
}

var serveURL = regexp.MustCompile(`on (http://\S+)/`)

// startServe starts `sendash serve --db db` on a free port and waits for
// its address.
func startServe(t *testing.T, db string, extra ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(sendashBin(t), append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, extra...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &serveProc{cmd: cmd, logs: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: s.logs}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serveURL.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.url = <-found:
	case <-time.After(120 * time.Second):
		t.Fatalf("serve did not start:\n%s", s.logs)
	}
	return s
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (s *serveProc) get(path string) (int, string, error) {
	c := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(s.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// demoDB writes the demo data at scale into dir/data-N and ingests it into db.
func demoData(t *testing.T, dir string, scale int) string {
	t.Helper()
	out := filepath.Join(dir, fmt.Sprintf("demo-scale-%d", scale))
	mustSendash(t, 5*time.Minute, "demo-data", "--out", out, "--scale", strconv.Itoa(scale))
	return out
}

// pages a server is polled with while it is under fault.
var faultPages = []string{"/", "/england", "/league/tribunal.rate", "/methodology", "/sources", "/api/england", "/healthz"}

// TestFaultKillDuringIngest: kill -9 an ingest of a large folder into the
// path a server is serving. The previous database is byte-identical, the
// server answers every request throughout, and the next ingest succeeds.
// A killed ingest leaves its DB.building-PID file behind (it never reached
// its deferred clean-up); the next ingest removes it (its process is gone).
func TestFaultKillDuringIngest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sendash.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", demoData(t, dir, 1), "--db", db, "--quiet")
	before := sha(t, db)
	srv := startServe(t, db)
	big := demoData(t, dir, 3)

	var served, failed atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }); wg.Wait() }
	t.Cleanup(halt)
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			code, _, err := srv.get(faultPages[i%len(faultPages)])
			if err != nil || code != http.StatusOK {
				failed.Add(1)
				t.Errorf("%s during the ingest: %d %v", faultPages[i%len(faultPages)], code, err)
			}
			served.Add(1)
			time.Sleep(50 * time.Millisecond)
		}
	})

	for _, after := range []time.Duration{time.Second, 4 * time.Second, 10 * time.Second} {
		killIngest(t, big, db, after)
		if got := sha(t, db); got != before {
			t.Fatalf("the previous database changed after kill -9 of an ingest %v in", after)
		}
	}
	out := mustSendash(t, time.Minute, "sql", "--db", db, "--format", "csv", "SELECT count(*) FROM school")
	if !strings.Contains(out, "\n") {
		t.Errorf("the previous database does not answer: %s", out)
	}

	// the next ingest replaces the database under the running server
	mustSendash(t, 5*time.Minute, "ingest", "--data", demoData(t, dir, 1), "--db", db, "--quiet")
	halt()
	if left, _ := filepath.Glob(db + ".building-*"); len(left) > 0 {
		t.Errorf("still there after a successful ingest: build files of killed ingests %v", left)
	}
	if code, _, err := srv.get("/league/tribunal.rate"); code != http.StatusOK {
		t.Errorf("after the database was replaced: %d %v", code, err)
	}
	if served.Load() < 10 || failed.Load() > 0 {
		t.Errorf("server answered %d requests during the faults, %d failed", served.Load(), failed.Load())
	}
	t.Logf("server answered %d requests during the ingest, kill and re-ingest", served.Load())
}

// killIngest starts an ingest of data into db and sends it SIGKILL after
// the given time (counted from when its build file appears).
func killIngest(t *testing.T, data, db string, after time.Duration) {
	t.Helper()
	ingest := exec.Command(sendashBin(t), "ingest", "--data", data, "--db", db, "--quiet")
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	building := fmt.Sprintf("%s.building-%d", db, ingest.Process.Pid)
	deadline := time.Now().Add(2 * time.Minute)
	for _, err := os.Stat(building); err != nil && time.Now().Before(deadline); _, err = os.Stat(building) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(after)
	if err := ingest.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	err := ingest.Wait()
	if ws, ok := ingest.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed by SIGKILL %v in: %v (it finished first?)", after, err)
	}
	var left []string
	for _, suffix := range []string{"", ".wal"} {
		if fi, err := os.Stat(building + suffix); err == nil {
			left = append(left, fmt.Sprintf("%s (%d bytes)", filepath.Base(building+suffix), fi.Size()))
		}
	}
	t.Logf("killed %v in; left behind: %v", after, left)
}

// TestFaultFullDisk: an ingest onto a full disk (a 16 MB tmpfs already
// holding the previous database) fails with a clear message, exit 1, the
// previous database unchanged and no partial files left. (The fixture's
// database is about 8.7 MB, mostly one 256 KB block per table; the demo's
// about 18 MB, so it cannot fit beside it.)
func TestFaultFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("the full-disk test mounts a 16 MB tmpfs and needs root (CI runs as root)")
	}
	dir := t.TempDir()
	mnt := filepath.Join(dir, "small-disk")
	os.Mkdir(mnt, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); the full-disk test needs a machine that allows it", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	db := filepath.Join(mnt, "sendash.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", "../../internal/ingest/testdata/fixture", "--db", db, "--quiet")
	before := sha(t, db)

	out, code := sendash(t, 5*time.Minute, "ingest", "--data", demoData(t, dir, 1), "--db", db, "--quiet")
	if code == 0 {
		t.Fatalf("ingest onto a full disk succeeded:\n%s", out)
	}
	if !strings.Contains(strings.ToLower(out), "no space left on device") && !strings.Contains(strings.ToLower(out), "disk") {
		t.Errorf("the error does not say the disk is full:\n%s", out)
	}
	if !strings.Contains(out, "previous database") {
		t.Errorf("the error does not say the previous database is kept:\n%s", out)
	}
	if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
		t.Errorf("a crash, not an error:\n%s", out)
	}
	if sha(t, db) != before {
		t.Error("the previous database changed")
	}
	left, _ := filepath.Glob(filepath.Join(mnt, "*"))
	if len(left) != 1 {
		t.Errorf("files left on the full disk: %v", left)
	}
	t.Logf("exit %d: %s", code, firstLine(out))
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "sendash:") {
			return l
		}
	}
	return strings.SplitN(s, "\n", 2)[0]
}

// TestFaultBadDatabaseAtServe: serve refuses a missing, empty, corrupt,
// truncated or foreign database, or one built by another version of
// sendash, with a clear message and a non-zero exit, and never changes the
// file.
func TestFaultBadDatabaseAtServe(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", "../../internal/ingest/testdata/fixture", "--db", good, "--quiet")
	goodBytes, _ := os.ReadFile(good)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	corrupt := append([]byte{}, goodBytes...)
	for i := 4096; i < len(corrupt); i += 97 {
		corrupt[i] ^= 0xff
	}
	foreign := filepath.Join(dir, "foreign.duckdb") // a DuckDB database, but not sendash's
	st, err := store.Open(context.Background(), foreign, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.DB.Exec("CREATE TABLE t (x INTEGER)")
	st.Close()
	older := write("older.duckdb", goodBytes) // built by another sendash: other page tables
	if st, err = store.Open(context.Background(), older, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec("UPDATE build_info SET value = 'older' WHERE key = 'schema_version'"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cases := map[string]struct {
		path string
		want string
	}{
		"missing":   {filepath.Join(dir, "nope.duckdb"), "no such file"},
		"empty":     {write("empty.duckdb", nil), "database"},
		"text":      {write("text.duckdb", []byte("this is not a database\n")), "database"},
		"truncated": {write("truncated.duckdb", goodBytes[:len(goodBytes)/3]), "database"},
		"corrupt":   {write("corrupt.duckdb", corrupt), "database"},
		"directory": {dir, "database"},
		"foreign":   {foreign, "not a sendash database"},
		"older":     {older, "built by another version of sendash"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var before string
			if fi, err := os.Stat(c.path); err == nil && fi.Mode().IsRegular() {
				before = sha(t, c.path)
			}
			out, code := sendash(t, time.Minute, "serve", "--db", c.path, "--addr", "127.0.0.1:0")
			if code == 0 {
				t.Fatalf("serve started on a %s database:\n%s", name, out)
			}
			if !strings.Contains(strings.ToLower(out), c.want) || !strings.Contains(out, "sendash:") {
				t.Errorf("message lacks %q:\n%s", c.want, out)
			}
			if strings.Contains(out, "goroutine ") || strings.Contains(out, "SIGSEGV") || strings.Contains(out, "panic:") {
				t.Errorf("crashed instead of a message:\n%.2000s", out)
			}
			if before != "" && sha(t, c.path) != before {
				t.Error("serve changed the file")
			}
			t.Logf("exit %d: %.300s", code, firstLine(out))
		})
	}
}

// TestFaultServeReadOnly: serve opens the database read-only, so another
// process can read it at the same time (a read-write open would hold an
// exclusive lock) and serving never changes a byte of the file.
func TestFaultServeReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sendash.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", demoData(t, dir, 1), "--db", db, "--quiet")
	before := sha(t, db)
	srv := startServe(t, db)
	for _, p := range faultPages {
		if code, _, err := srv.get(p); code != http.StatusOK {
			t.Errorf("%s: %d %v", p, code, err)
		}
	}
	out := mustSendash(t, time.Minute, "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM school")
	if !strings.HasPrefix(out, "n\n") {
		t.Errorf("a second reader while serving: %s", out)
	}
	srv.cmd.Process.Signal(syscall.SIGTERM)
	srv.cmd.Wait()
	if sha(t, db) != before {
		t.Error("serving changed the database file")
	}
}

// TestFaultRequestDeadline: with a 1 ms request time limit, database pages
// answer 503 (or 200 when fast enough), never 500, and the server keeps
// serving; static files are unaffected.
func TestFaultRequestDeadline(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sendash.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", demoData(t, dir, 1), "--db", db, "--quiet")
	srv := startServe(t, db, "--timeout", "1ms")
	saw503 := false
	for i := 0; i < 3; i++ {
		for _, p := range []string{"/league/tribunal.rate", "/england", "/api/league/roll.ehcp", "/sources"} {
			code, body, err := srv.get(p)
			if err != nil {
				t.Fatal(err)
			}
			switch code {
			case http.StatusServiceUnavailable:
				saw503 = true
				if !strings.HasPrefix(p, "/api/") && !strings.Contains(body, "too long") {
					t.Errorf("%s: 503 without its page:\n%.300s", p, body)
				}
			case http.StatusOK:
			default:
				t.Errorf("%s with a 1 ms limit: %d, want 503 or 200\n%.300s", p, code, body)
			}
		}
	}
	if !saw503 {
		t.Error("no page took more than 1 ms: the deadline was never tested")
	}
	if code, _, err := srv.get("/static/css/sendash.css"); code != http.StatusOK {
		t.Errorf("static file after deadlines: %d %v", code, err)
	}
	if strings.Contains(srv.logs.String(), `"status":500`) {
		t.Errorf("the server logged 500s:\n%.3000s", grepLines(srv.logs.String(), `"status":500`))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestBigIngestMemory loads one EES file far larger than the DuckDB memory
// limit (SENDASH_BIG_TEST=1; SENDASH_BIG_MB, default 1536 MB) with
// --memory-limit 256MB under /usr/bin/time -v and reports the peak
// resident memory. It fails if the load fails or the peak passes 1 GB.
func TestBigIngestMemory(t *testing.T) {
	if os.Getenv("SENDASH_BIG_TEST") != "1" {
		t.Skip("set SENDASH_BIG_TEST=1 to load a generated 1.5 GB file (several minutes, 4 GB of disk)")
	}
	mb := 1536
	if v := os.Getenv("SENDASH_BIG_MB"); v != "" {
		mb, _ = strconv.Atoi(v)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	rows := writeBigEES(t, filepath.Join(data, "ees", "exclusions_by_geographic_level_big.csv"), int64(mb)<<20)
	db := filepath.Join(dir, "big.duckdb")
	start := time.Now()
	cmd := exec.Command("/usr/bin/time", "-v", sendashBin(t), "ingest", "--data", data, "--db", db, "--memory-limit", "256MB", "--quiet")
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	peak := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindStringSubmatch(string(out))
	if err != nil || peak == nil {
		t.Fatalf("ingest of a %d MB file: %v\n%s", mb, err, out)
	}
	kb, _ := strconv.Atoi(peak[1])
	fi, _ := os.Stat(db)
	t.Logf("%d MB EES file, %d rows: loaded in %v, peak RSS %d MB, database %d MB", mb, rows, took.Round(time.Second), kb/1024, fi.Size()>>20)
	if kb > 1<<20 {
		t.Errorf("peak resident memory %d MB with --memory-limit 256MB", kb/1024)
	}
}

// writeBigEES writes an exclusions-by-geographic-level EES file of at least
// size bytes (school rows over 11 years and 150 LAs); returns its rows.
func writeBigEES(t *testing.T, path string, size int64) int64 {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	n, _ := w.WriteString("time_identifier,time_period,geographic_level,country_code,country_name,region_code,region_name," +
		"old_la_code,new_la_code,la_name,estab,laestab,school_type,num_schools,headcount,perm_excl,perm_excl_rate," +
		"fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate\n")
	total, rows := int64(n), int64(0)
	for total < size {
		la, estab, y := 201+rows%150, rows%10000, 6+rows%11
		n, _ := fmt.Fprintf(w, "Academic year,20%02d%02d,School,E92000001,England,E12000006,East of England,%d,E10000029,Suffolk,%04d,%d%04d,State-funded primary,1,%d,%d,%d.%02d,%d,%d.%02d,%d,%d.%02d\n",
			y, y+1, la, estab, la, estab, 100+rows%900, rows%3, rows%3, rows%100, rows%40, rows%9, rows%100, rows%20, rows%5, rows%100)
		total += int64(n)
		rows++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestFaultServedFileReplaced (issue 21): a new build renamed over the
// served file (how ingest publishes) is served with no error, the server
// keeping the build it opened until restart and /healthz saying a newer
// one waits; the file overwritten in place (cp new.duckdb served.duckdb,
// which used to give 500 on 65-87% of pages with /healthz ok) makes every
// page and /healthz answer 503, never 500. /sources shows paths relative
// to the data folder.
func TestFaultServedFileReplaced(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join(dir, "fixture.duckdb")
	demo := filepath.Join(dir, "demo.duckdb")
	mustSendash(t, 5*time.Minute, "ingest", "--data", "../../internal/ingest/testdata/fixture", "--db", fixture, "--quiet")
	mustSendash(t, 5*time.Minute, "ingest", "--data", "../../data/demo", "--db", demo, "--quiet")
	demoBytes, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/england", "/las", "/methodology", "/sources", "/api/england", "/league/roll.ehcp"}

	// poll requests pages until stop is closed, counting status codes.
	poll := func(srv *serveProc, stop chan struct{}) (func() map[int]int, *sync.WaitGroup) {
		var mu sync.Mutex
		codes := map[int]int{}
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := w; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					code, _, _ := srv.get(pages[i%len(pages)])
					mu.Lock()
					codes[code]++
					mu.Unlock()
				}
			})
		}
		return func() map[int]int { mu.Lock(); defer mu.Unlock(); return maps.Clone(codes) }, &wg
	}

	t.Run("renamed over", func(t *testing.T) {
		served := filepath.Join(dir, "renamed.duckdb")
		copyFileT(t, fixture, served)
		srv := startServe(t, served, "--rate-limit", "0")
		code, body, _ := srv.get("/sources")
		if code != http.StatusOK || strings.Contains(body, "testdata/fixture") || !strings.Contains(body, ">perf-2018-2019/<") {
			t.Errorf("/sources (%d) does not show paths relative to the data folder:\n%.2000s", code, grepLines(body, "census"))
		}
		resp, err := http.Get(srv.url + "/england")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		etag := resp.Header.Get("ETag")
		stop := make(chan struct{})
		counts, wg := poll(srv, stop)
		time.Sleep(time.Second)
		next := served + ".new"
		if err := os.WriteFile(next, demoBytes, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(next, served); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		close(stop)
		wg.Wait()
		c := counts()
		for code, n := range c {
			if code >= 500 || code == 0 {
				t.Errorf("%d requests answered %d after the file was renamed over", n, code)
			}
		}
		code, body, _ = srv.get("/healthz")
		if code != http.StatusOK || !strings.Contains(body, "restart") {
			t.Errorf("/healthz after a rename-over: %d %q", code, body)
		}
		resp, err = http.Get(srv.url + "/england")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("ETag") != etag {
			t.Errorf("the build served changed from %s to %s without a restart", etag, resp.Header.Get("ETag"))
		}
		t.Logf("renamed over: status counts %v; /healthz %q", c, body)
	})

	t.Run("overwritten in place", func(t *testing.T) {
		served := filepath.Join(dir, "inplace.duckdb")
		copyFileT(t, fixture, served)
		srv := startServe(t, served, "--rate-limit", "0")
		stop := make(chan struct{})
		counts, wg := poll(srv, stop)
		time.Sleep(time.Second)
		before := counts()
		if err := os.WriteFile(served, demoBytes, 0o644); err != nil { // same inode, as cp does
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		close(stop)
		wg.Wait()
		after := counts()
		if after[http.StatusInternalServerError] > 0 || after[0] > 0 {
			t.Errorf("requests during and after the overwrite: %v (500s or failures)", after)
		}
		if after[http.StatusServiceUnavailable] == 0 || before[http.StatusOK] == 0 {
			t.Errorf("status counts before %v, after %v: want 200s then 503s", before, after)
		}
		for _, p := range append(pages, "/healthz") {
			if code, _, _ := srv.get(p); code != http.StatusServiceUnavailable {
				t.Errorf("%s after the file was overwritten: %d, want 503", p, code)
			}
		}
		if code, _, _ := srv.get("/static/css/sendash.css"); code != http.StatusOK {
			t.Errorf("static file after the overwrite: %d", code)
		}
		if !strings.Contains(srv.logs.String(), "overwritten in place") {
			t.Errorf("the log does not say what happened:\n%.2000s", srv.logs.String())
		}
		t.Logf("overwritten in place: status counts before %v, by the end %v", before, after)
	})
}

func copyFileT(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFaultSecondIngestRefused (issue 21): while one ingest builds a
// target, a second into it exits 1 naming the first's process id (two
// used to both succeed, the last one winning); the first finishes.
func TestFaultSecondIngestRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sendash.duckdb")
	data := demoData(t, dir, 1)
	first := exec.Command(sendashBin(t), "ingest", "--data", data, "--db", db, "--quiet")
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	building := fmt.Sprintf("%s.building-%d", db, first.Process.Pid)
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(building); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first ingest never started building")
		}
	}
	out, code := sendash(t, time.Minute, "ingest", "--data", data, "--db", db, "--quiet")
	want := fmt.Sprintf("another ingest (process %d) is building %s", first.Process.Pid, db)
	if code == 0 || !strings.Contains(out, want) {
		t.Errorf("second ingest: exit %d, want the message %q:\n%s", code, want, out)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first ingest: %v\n%s", err, firstOut.String())
	}
	if _, err := os.Stat(db + ".lock"); err == nil {
		t.Error("the lock file is left after the ingest")
	}
	t.Logf("exit %d: %s", code, firstLine(out))
}

// TestFaultKilledIngestTidied (issue 21): an ingest killed with SIGKILL
// leaves its half-built database, its lock and its temporary folder (in
// TMPDIR, named with its process id); the next ingest removes them and
// says so.
func TestFaultKilledIngestTidied(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o755)
	sendashBin(t)           // built before TMPDIR points into this test's folder
	t.Setenv("TMPDIR", tmp) // the commands run inherit it
	db := filepath.Join(dir, "sendash.duckdb")
	data := demoData(t, dir, 1)
	killIngest(t, data, db, 2*time.Second)
	left, _ := filepath.Glob(db + ".*")
	inTmp, _ := filepath.Glob(filepath.Join(tmp, "sendash-*"))
	if len(inTmp) == 0 || len(left) == 0 {
		t.Fatalf("the killed ingest left nothing to tidy: %v %v", left, inTmp)
	}
	out := mustSendash(t, 5*time.Minute, "ingest", "--data", data, "--db", db, "--quiet")
	for _, p := range append(left, inTmp...) {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("still there after the next ingest: %s", p)
		}
		if strings.HasSuffix(p, ".lock") {
			continue // taken over, then removed at the end
		}
		if !strings.Contains(out, p) {
			t.Errorf("removed without saying so: %s\n%s", p, out)
		}
	}
	if !strings.Contains(out, "took over the lock") {
		t.Errorf("the next ingest does not say it took over the killed one's lock:\n%s", out)
	}
	if rest, _ := filepath.Glob(filepath.Join(tmp, "*")); len(rest) > 0 {
		t.Errorf("left in the temporary folder: %v", rest)
	}
	t.Logf("left by the killed ingest: %v %v\n%s", left, inTmp, out)
}
