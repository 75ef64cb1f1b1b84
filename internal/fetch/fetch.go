package fetch

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultUserAgent names sendash to publishers' servers.
const DefaultUserAgent = "sendash-fetch (+https://github.com/sendash/sendash)"

// Config says what Fetch downloads, where to, and how. Zero values get
// sensible defaults.
type Config struct {
	// Dest is the folder files are written to; it is created if missing.
	Dest string
	// Sources is the manifest (see LoadManifest).
	Sources []Source
	// Only names the sources to fetch; empty means all.
	Only []string
	// Client makes the requests (default: a client with a 30-minute timeout).
	Client *http.Client
	// Rewrite, if set, maps each source URL before it is requested; tests
	// use it to point every source at a local server.
	Rewrite func(url string) string
	// Progress receives human progress output; Terminal says it is a
	// terminal, so a bar is redrawn in place rather than printing lines.
	Progress io.Writer
	Terminal bool
	// Logger receives retries and failures (default: discarded).
	Logger *slog.Logger
	// MaxRetries is how many times a failed download is tried again
	// (default 4; negative means never); Backoff is the first wait, doubled
	// each time (default 1s).
	MaxRetries int
	Backoff    time.Duration
	// MaxUnzipBytes caps what one archive may unpack to (default 8 GiB).
	MaxUnzipBytes int64
	UserAgent     string
	// Now gives the fetch time, used for {date} in URLs and the fetch log.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 30 * time.Minute}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = 4
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	c.Backoff = cmp.Or(c.Backoff, time.Second)
	c.MaxUnzipBytes = cmp.Or(c.MaxUnzipBytes, DefaultMaxUnzipBytes)
	c.UserAgent = cmp.Or(c.UserAgent, DefaultUserAgent)
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Dest = cmp.Or(c.Dest, ".")
	return c
}

// Report is what one Fetch did: one Result per selected source, in
// manifest order.
type Report struct {
	Results []Result
}

// Result records one source's download; it is also the fetch log's entry.
type Result struct {
	Source     string    `json:"source"`
	URL        string    `json:"url"`
	File       string    `json:"file"`
	Status     string    `json:"status"` // StatusOK or StatusFailed
	HTTPStatus int       `json:"http_status,omitempty"`
	Bytes      int64     `json:"bytes"`
	SHA256     string    `json:"sha256,omitempty"`
	Extracted  []string  `json:"extracted,omitempty"`
	Attempts   int       `json:"attempts"`
	Time       time.Time `json:"time"`
	Seconds    float64   `json:"seconds"`
	Error      string    `json:"error,omitempty"`
}

// Result statuses.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// Fetch downloads each selected source into cfg.Dest, one after another.
// A failed source does not stop the others (cancellation does) and leaves
// no partial file; an earlier complete copy of it stays in place. Whatever
// happens, Fetch records the results in DEST/fetch-log.json. The error
// joins every source's failure.
func Fetch(ctx context.Context, cfg Config) (Report, error) {
	cfg = cfg.withDefaults()
	sources, err := Select(cfg.Sources, cfg.Only)
	if err != nil {
		return Report{}, err
	}
	if err := os.MkdirAll(cfg.Dest, 0o755); err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	var rep Report
	var errs []error
	for _, s := range sources {
		if ctx.Err() != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.Name, ctx.Err()))
			break
		}
		res, err := fetchSource(ctx, cfg, s)
		rep.Results = append(rep.Results, res)
		errs = append(errs, err)
	}
	if err := writeLog(cfg.Dest, rep.Results, cfg.Now()); err != nil {
		errs = append(errs, err)
	}
	return rep, errors.Join(errs...)
}

// fetchSource downloads, checks and installs one source. On any failure it
// removes the .part file, so nothing half-written is left behind.
func fetchSource(ctx context.Context, cfg Config, s Source) (Result, error) {
	start := cfg.Now()
	res := Result{Source: s.Name, URL: expandURL(s.URL, start), File: s.File, Time: start.UTC()}
	getURL := res.URL
	if cfg.Rewrite != nil {
		getURL = cfg.Rewrite(getURL)
	}
	final := filepath.Join(cfg.Dest, s.File)
	part := final + ".part"
	d := &downloader{client: cfg.Client, userAgent: cfg.UserAgent, maxRetries: cfg.MaxRetries,
		backoff: cfg.Backoff, logger: cfg.Logger}
	bar := newProgress(cfg.Progress, cfg.Terminal, s.Name, cfg.Now)
	cfg.Logger.Debug("fetch", "source", s.Name, "url", res.URL)
	t, err := d.get(ctx, getURL, part, bar)
	if t != nil {
		res.Attempts, res.HTTPStatus, res.Bytes = t.attempts, t.status, t.written
	}
	if err == nil {
		err = install(cfg, s, part, final, &res)
	}
	bar.finish(err)
	res.Seconds = cfg.Now().Sub(start).Seconds()
	if err == nil {
		res.Status = StatusOK
		return res, nil
	}
	os.Remove(part)
	if ctx.Err() != nil {
		err = fmt.Errorf("cancelled: %w", ctx.Err())
	}
	res.Status, res.Error = StatusFailed, err.Error()
	cfg.Logger.Error("fetch failed", "source", s.Name, "url", res.URL, "err", err)
	return res, fmt.Errorf("%s: %w", s.Name, err)
}

// install checks a complete .part file, unpacks it if it is an archive,
// and only then renames it to its final name.
func install(cfg Config, s Source, part, final string, res *Result) error {
	sum, err := fileSHA256(part)
	if err != nil {
		return err
	}
	res.SHA256 = sum
	if !s.Zip {
		if err := checkFileHeader(part, s); err != nil {
			return err
		}
		return os.Rename(part, final)
	}
	if err := checkZipHeaders(part, s); err != nil {
		return err
	}
	tmp := filepath.Join(cfg.Dest, "."+s.Name+".unzip")
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	files, err := unzipTo(part, tmp, cfg.MaxUnzipBytes)
	if err != nil {
		return err
	}
	if err := os.Rename(part, final); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	res.Extracted = files
	return replaceDir(tmp, filepath.Join(cfg.Dest, s.Name))
}

// expandURL fills in DatePlaceholder with the fetch date (YYYYMMDD).
func expandURL(raw string, now time.Time) string {
	return strings.ReplaceAll(raw, DatePlaceholder, now.Format("20060102"))
}

func fileSHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
