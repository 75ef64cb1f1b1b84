package fetch

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
)

// dropConn answers with the full Content-Length but only the first n bytes
// of body, then closes the connection.
func dropConn(t *testing.T, body []byte, n int, acceptRanges bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		writeDropped(buf, body[:n], len(body), acceptRanges)
	}
}

// dropOnce drops the first request like dropConn and sends the rest to next.
func dropOnce(t *testing.T, body []byte, n int, acceptRanges bool, next http.HandlerFunc) http.HandlerFunc {
	var calls atomic.Int32
	drop := dropConn(t, body, n, acceptRanges)
	return func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			drop(w, r)
			return
		}
		next(w, r)
	}
}

func writeDropped(buf *bufio.ReadWriter, part []byte, total int, acceptRanges bool) {
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: text/csv\r\n", total)
	if acceptRanges {
		buf.WriteString("Accept-Ranges: bytes\r\n")
	}
	buf.WriteString("\r\n")
	buf.Write(part)
	buf.Flush()
}

// fullBody answers with the whole body and no range support at all.
func fullBody(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

// TestFetchRetriesDroppedConnection: a connection dropped mid-file is
// retried; the result is byte-identical. A server that offers ranges is
// asked to resume; one that does not (or ignores the Range header) is
// downloaded again from the start.
func TestFetchRetriesDroppedConnection(t *testing.T) {
	files := sourcePayloads(t)
	body := files["school-census"]
	cut := len(body) / 2
	for _, tc := range []struct {
		name         string
		acceptRanges bool
		next         func(*testServer) http.HandlerFunc
		wantRange    string
	}{
		{"resume", true, nil, "bytes=" + strconv.Itoa(cut) + "-"},
		{"no ranges", false, func(*testServer) http.HandlerFunc { return fullBody(body) }, ""},
		{"range ignored", true, func(*testServer) http.HandlerFunc { return fullBody(body) }, "bytes=" + strconv.Itoa(cut) + "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, files)
			next := http.HandlerFunc(ts.serveFile)
			if tc.next != nil {
				next = tc.next(ts)
			}
			ts.handle("school-census", dropOnce(t, body, cut, tc.acceptRanges, next))
			cfg := testConfig(t, ts)
			cfg.Only = []string{"school-census"}
			rep, err := Fetch(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			reqs := ts.got("school-census")
			if len(reqs) != 2 || reqs[1].Header.Get("Range") != tc.wantRange {
				t.Fatalf("%d requests, second Range %q, want %q", len(reqs), reqs[len(reqs)-1].Header.Get("Range"), tc.wantRange)
			}
			if got := fileSHA(t, filepath.Join(cfg.Dest, "england_census_2024-2025.csv")); got != sha(body) {
				t.Errorf("sha256 %s, want %s", got, sha(body))
			}
			if r := rep.Results[0]; r.Attempts != 2 || r.Bytes != int64(len(body)) {
				t.Errorf("result %+v", r)
			}
			if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{"england_census_2024-2025.csv", LogName}) {
				t.Errorf("folder holds %v", got)
			}
		})
	}
}

// TestFetchGivesUpAfterRetries: a connection that always drops fails after
// MaxRetries+1 attempts with nothing left behind.
func TestFetchGivesUpAfterRetries(t *testing.T) {
	files := sourcePayloads(t)
	body := files["school-census"]
	ts := newTestServer(t, files)
	ts.handle("school-census", dropConn(t, body, len(body)/3, true))
	cfg := testConfig(t, ts)
	cfg.Only = []string{"school-census"}
	if _, err := Fetch(context.Background(), cfg); err == nil {
		t.Fatal("no error")
	}
	if n := len(ts.got("school-census")); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if got := dirNames(t, cfg.Dest); !slices.Equal(got, []string{LogName}) {
		t.Errorf("left behind: %v", got)
	}
}

func TestParseContentRange(t *testing.T) {
	for _, tc := range []struct {
		in           string
		start, total int64
		ok           bool
	}{
		{"bytes 100-199/200", 100, 200, true},
		{"bytes 0-9/*", 0, -1, true},
		{"bytes */200", 0, 0, false},
		{"items 1-2/3", 0, 0, false},
		{"", 0, 0, false},
	} {
		start, total, ok := parseContentRange(tc.in)
		if start != tc.start || total != tc.total || ok != tc.ok {
			t.Errorf("%q: got %d %d %v", tc.in, start, total, ok)
		}
	}
}
