package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v5"
)

// TestGzipResponses checks the gzip middleware: long bodies compressed and
// intact, short ones sent as they are, the status kept either way, an error
// page after a failed handler readable, and Vary on everything.
func TestGzipResponses(t *testing.T) {
	long := strings.Repeat("<p>sendash £ ≥ 25%</p>\n", 200)
	e := echo.New()
	e.Use(gzipResponses(gzipLevel, 1024))
	e.GET("/long", func(c *echo.Context) error { return c.HTML(http.StatusOK, long) })
	e.GET("/short", func(c *echo.Context) error { return c.HTML(http.StatusOK, "<p>short</p>") })
	e.GET("/missing", func(c *echo.Context) error { return c.HTML(http.StatusNotFound, long) })
	e.GET("/chunks", func(c *echo.Context) error {
		c.Response().Header().Set("Content-Type", "text/plain; charset=utf-8")
		c.Response().WriteHeader(http.StatusAccepted)
		for i := 0; i < len(long); i += 100 {
			if _, err := c.Response().Write([]byte(long[i:min(i+100, len(long))])); err != nil {
				return err
			}
		}
		return nil
	})
	e.GET("/sniff", func(c *echo.Context) error {
		_, err := c.Response().Write([]byte(long))
		return err
	})
	e.GET("/fail", func(c *echo.Context) error { return errors.New("broken") })
	e.GET("/empty", func(c *echo.Context) error { return c.NoContent(http.StatusNotModified) })

	for _, tc := range []struct {
		path   string
		status int
		body   string
		gz     bool
		ctype  string
	}{
		{"/long", 200, long, true, "text/html; charset=UTF-8"},
		{"/short", 200, "<p>short</p>", false, "text/html; charset=UTF-8"},
		{"/missing", 404, long, true, "text/html; charset=UTF-8"},
		{"/chunks", 202, long, true, "text/plain; charset=utf-8"},
		{"/sniff", 200, long, true, "text/html; charset=utf-8"},
		{"/empty", 304, "", false, ""},
	} {
		for _, accept := range []bool{true, false} {
			req := httptest.NewRequest(http.MethodGet, tc.path, nil)
			if accept {
				req.Header.Set("Accept-Encoding", "gzip, deflate, br")
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			body := rec.Body.Bytes()
			wantGz := tc.gz && accept
			if got := rec.Header().Get("Content-Encoding") == "gzip"; got != wantGz {
				t.Errorf("%s accept=%v: gzip %v, want %v", tc.path, accept, got, wantGz)
			}
			if wantGz {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("%s: %v", tc.path, err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatalf("%s: %v", tc.path, err)
				}
				if rec.Header().Get("Content-Length") != "" {
					t.Errorf("%s: Content-Length %q on a compressed body", tc.path, rec.Header().Get("Content-Length"))
				}
			}
			if rec.Code != tc.status || string(body) != tc.body {
				t.Errorf("%s accept=%v: status %d, body %d bytes; want %d, %d bytes", tc.path, accept, rec.Code, len(body), tc.status, len(tc.body))
			}
			// Uncompressed, an unset type is left to net/http's own sniffing
			// (which the recorder does not do).
			if got := rec.Header().Get("Content-Type"); got != tc.ctype && (wantGz || tc.path != "/sniff" || got != "") {
				t.Errorf("%s accept=%v: Content-Type %q, want %q", tc.path, accept, got, tc.ctype)
			}
			if rec.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", tc.path, rec.Header().Get("Vary"))
			}
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/fail", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Encoding") != "" || !strings.Contains(rec.Body.String(), "Internal Server Error") {
		t.Errorf("/fail: status %d, encoding %q, body %q", rec.Code, rec.Header().Get("Content-Encoding"), rec.Body.String())
	}
}

// TestAdmitOrder checks the admission queue: no more than n handlers run at
// once, waiting requests start in the order they arrived, and a request
// whose context ends while it waits leaves with that error.
func TestAdmitOrder(t *testing.T) {
	const n = 2
	release := make(chan struct{})
	var mu sync.Mutex
	var order []string
	running, most := 0, 0
	e := echo.New()
	e.Use(admit(n))
	e.GET("/:id", func(c *echo.Context) error {
		mu.Lock()
		order = append(order, c.Param("id"))
		running++
		most = max(most, running)
		mu.Unlock()
		<-release
		mu.Lock()
		running--
		mu.Unlock()
		return c.String(http.StatusOK, "ok")
	})
	var wg sync.WaitGroup
	send := func(id string) {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/"+id, nil))
			if rec.Code != http.StatusOK {
				t.Errorf("%s: status %d", id, rec.Code)
			}
		})
	}
	waitFor := func(cond func() bool) {
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("timed out")
			}
		}
	}
	ids := []string{"a", "b", "c", "d", "e", "f"}
	for i, id := range ids {
		send(id)
		if i < n {
			waitFor(func() bool { mu.Lock(); defer mu.Unlock(); return len(order) == i+1 })
		} else {
			time.Sleep(20 * time.Millisecond) // let it reach the queue before the next
		}
	}
	// A request that gives up while queued.
	ctx, cancel := context.WithCancel(context.Background())
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/gone", nil).WithContext(ctx))
		close(done)
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	<-done
	if rec.Code == http.StatusOK {
		t.Errorf("a cancelled queued request got 200")
	}
	// Free one slot at a time, so that exactly one queued request starts
	// each time and the order it records is the queue's, not the scheduler's.
	for k := range ids {
		release <- struct{}{}
		if k+n < len(ids) {
			waitFor(func() bool { mu.Lock(); defer mu.Unlock(); return len(order) == k+n+1 })
		}
	}
	wg.Wait()
	if most > n {
		t.Errorf("%d handlers ran at once, limit %d", most, n)
	}
	if got := strings.Join(order, ""); got != strings.Join(ids, "") {
		t.Errorf("order %q, want %q", got, strings.Join(ids, ""))
	}
}
