package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// maxBackoff caps the wait between two attempts.
const maxBackoff = time.Minute

// StatusError is an HTTP answer other than 200 or 206. Server errors (5xx),
// 408 and 429 are retried; any other 4xx is final.
type StatusError struct {
	URL  string
	Code int
}

// Error says which URL answered which status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

func (e *StatusError) retryable() bool {
	return e.Code >= 500 || e.Code == http.StatusRequestTimeout || e.Code == http.StatusTooManyRequests
}

// writeError is a failure to write the local file; retrying will not help.
type writeError struct{ err error }

func (e *writeError) Error() string { return "write: " + e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// downloader gets one URL into a .part file, retrying with exponential
// backoff and resuming with a Range request when the server allows it.
type downloader struct {
	client     *http.Client
	userAgent  string
	maxRetries int
	backoff    time.Duration
	logger     *slog.Logger
}

// transfer is the state of one file across attempts.
type transfer struct {
	f        *os.File
	written  int64 // bytes of f known to be good
	total    int64 // expected size, -1 when the server did not say
	ranges   bool  // the server advertised Accept-Ranges: bytes
	attempts int
	status   int // last HTTP status seen
	bar      *progress
}

func (t *transfer) reset() error {
	t.written = 0
	if err := t.f.Truncate(0); err != nil {
		return &writeError{err}
	}
	return nil
}

// Write appends to the file at the current offset and counts the bytes.
func (t *transfer) Write(p []byte) (int, error) {
	n, err := t.f.WriteAt(p, t.written)
	t.written += int64(n)
	t.bar.add(int64(n))
	if err != nil {
		return n, &writeError{err}
	}
	return n, nil
}

// get downloads rawURL into partPath (created afresh). On error the caller
// removes partPath.
func (d *downloader) get(ctx context.Context, rawURL, partPath string, bar *progress) (*transfer, error) {
	f, err := os.OpenFile(partPath, os.O_CREATE|os.O_TRUNC|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := &transfer{f: f, total: -1, bar: bar}
	for {
		t.attempts++
		err := d.attempt(ctx, rawURL, t)
		if err == nil {
			return t, f.Close()
		}
		if !retryable(ctx, err) || t.attempts > d.maxRetries {
			return t, err
		}
		wait := min(d.backoff<<(t.attempts-1), maxBackoff)
		d.logger.Warn("download failed, will retry", "url", rawURL, "attempt", t.attempts,
			"bytes", t.written, "wait", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return t, err
		}
	}
}

// attempt makes one request, resuming after t.written bytes when it can.
func (d *downloader) attempt(ctx context.Context, rawURL string, t *transfer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", d.userAgent)
	// identity keeps Content-Length and byte ranges about the bytes on disk.
	req.Header.Set("Accept-Encoding", "identity")
	resume := t.written > 0 && t.ranges
	if resume {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", t.written))
	} else if err := t.reset(); err != nil {
		return err
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	t.status = resp.StatusCode
	if err := t.accept(resp, rawURL, resume); err != nil {
		return err
	}
	t.bar.start(t.written, t.total)
	if _, err := io.Copy(t, resp.Body); err != nil {
		return err
	}
	if t.total >= 0 && t.written != t.total {
		return fmt.Errorf("got %d of %d bytes: %w", t.written, t.total, io.ErrUnexpectedEOF)
	}
	return nil
}

// accept checks the status and headers of a response and sets where the
// body's bytes go and how many to expect.
func (t *transfer) accept(resp *http.Response, rawURL string, resume bool) error {
	switch resp.StatusCode {
	case http.StatusOK:
		t.ranges = resp.Header.Get("Accept-Ranges") == "bytes"
		t.total = resp.ContentLength
		if resume { // the server ignored the Range header: start again
			return t.reset()
		}
		return nil
	case http.StatusPartialContent:
		start, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
		if !resume || !ok || start != t.written {
			t.ranges = false
			if err := t.reset(); err != nil {
				return err
			}
			return fmt.Errorf("GET %s: unusable partial answer (Content-Range %q)", rawURL, resp.Header.Get("Content-Range"))
		}
		t.total = total
		return nil
	case http.StatusRequestedRangeNotSatisfiable:
		t.ranges = false
		if err := t.reset(); err != nil {
			return err
		}
		return fmt.Errorf("GET %s: range not satisfiable, starting again", rawURL)
	}
	return &StatusError{URL: rawURL, Code: resp.StatusCode}
}

// parseContentRange reads "bytes START-END/TOTAL"; total is -1 for "*".
func parseContentRange(v string) (start, total int64, ok bool) {
	spec, found := strings.CutPrefix(v, "bytes ")
	rng, size, found2 := strings.Cut(spec, "/")
	first, _, found3 := strings.Cut(rng, "-")
	if !found || !found2 || !found3 {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(first, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	if size == "*" {
		return start, -1, true
	}
	total, err = strconv.ParseInt(size, 10, 64)
	return start, total, err == nil
}

// retryable says whether another attempt may succeed: not after
// cancellation, a final HTTP status or a local write failure.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.retryable()
	}
	var we *writeError
	return !errors.As(err, &we)
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
