// Package web serves sendash's pages: one Echo route per page, each a thin
// handler that validates its input, makes one store call, fills a page struct
// and renders an embedded template, or writes the same rows as CSV or JSON.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/static"
)

// Config is what the web server needs, built by main from flags and env.
type Config struct {
	Store          *store.Store
	Logger         *slog.Logger
	Demo           bool          // show the demo banner even if the database does not say so
	RequestTimeout time.Duration // 0 means 15 seconds
	// RateLimit is the sustained requests per second allowed to one client
	// IP (a token bucket holding RateBurst requests); 0 turns limiting off.
	// Main passes DefaultRateLimit and DefaultRateBurst unless told otherwise.
	RateLimit float64
	RateBurst int // 0 means twice RateLimit
	// CacheBytes bounds the cache of whole compressed pages (see cache.go);
	// 0 turns it off. Main passes DefaultCacheBytes unless told otherwise.
	CacheBytes int64
	// MaxInFlight is how many page requests run at once; the rest wait in
	// arrival order (admit.go). 0 means GOMAXPROCS, negative no limit.
	MaxInFlight int
	// DBPath, when set, is the served file, watched for being replaced
	// (dbwatch.go); DBOpened is its stat from before it was opened (nil:
	// New stats it).
	DBPath   string
	DBOpened os.FileInfo
}

// gzipLevel is the compression level of pages (klauspost/compress, see
// gzip.go): level 1 gives a school page of 6.5 KB in 0.08 ms.
const gzipLevel = 1

// DefaultCacheBytes is serve's page cache: about 4,500 typical gzipped
// pages (every LA page and league table, and the most visited schools),
// within the 400 MB serving memory budget beside DuckDB's own limit.
const DefaultCacheBytes = 32 << 20

// Rate limits for serve's defaults: far above what a person browsing needs
// and above the load benchmarks, low enough to blunt a single-client flood.
const (
	DefaultRateLimit = 100
	DefaultRateBurst = 200
)

// maxBodyBytes bounds request bodies: every route is a GET, so anything
// larger than a small form is refused with 413 before a handler runs.
const maxBodyBytes = 64 << 10

// server holds the parsed templates and start-up facts shared by handlers.
type server struct {
	st      *store.Store
	log     *slog.Logger
	pages   *templates
	demo    bool
	buildID string
	watch   *dbWatch // nil when no path is watched
	maps    sync.Map // indicator|group -> *laMap, laid for LA pages (laidMap)
}

// New builds the HTTP handler: routes, middleware and the error handler. It
// parses every template and reads the build id once, so mistakes fail here.
func New(cfg Config) (*echo.Echo, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	s := &server{st: cfg.Store, log: cfg.Logger, pages: pages, demo: cfg.Demo}
	if s.buildID, err = cfg.Store.BuildID(ctx); err != nil {
		s.buildID = "unknown"
		cfg.Logger.Warn("no build id in the database", "err", err)
	}
	if demo, err := cfg.Store.IsDemo(ctx); err == nil && demo {
		s.demo = true
	}
	e := echo.New()
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.Recover())
	e.Use(s.requestLog())
	e.Use(securityHeaders)
	if cfg.DBPath != "" {
		if s.watch, err = newDBWatch(cfg.DBPath, cfg.DBOpened, cfg.Logger); err != nil {
			return nil, err
		}
		e.Use(s.watch.middleware)
	}
	if cfg.RateLimit > 0 {
		e.Use(rateLimit(cfg.RateLimit, cfg.RateBurst))
	}
	e.Use(middleware.BodyLimit(maxBodyBytes))
	if cfg.CacheBytes > 0 {
		e.Use(s.cache(newPageCache(cfg.CacheBytes)))
	}
	e.Use(gzipResponses(gzipLevel, 1024))
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{
		Timeout: cfg.RequestTimeout, ErrorHandler: deadlineError}))
	e.Use(s.etag)
	if n := cfg.MaxInFlight; n >= 0 {
		if n == 0 {
			n = runtime.GOMAXPROCS(0)
		}
		e.Use(admit(n))
	}
	s.routes(e)
	return e, nil
}

// getHead are the methods every route answers: a HEAD request runs the GET
// handler, and net/http sends its headers without the body.
var getHead = []string{http.MethodGet, http.MethodHead}

func (s *server) routes(e *echo.Echo) {
	e.Match(getHead, "/", s.home)
	e.Match(getHead, "/search", s.page(s.search))
	e.Match(getHead, "/schools/:urn", s.page(s.school))
	e.Match(getHead, "/compare", s.page(s.compare))
	e.Match(getHead, "/las", s.page(s.las))
	e.Match(getHead, "/las/:code", s.page(s.la))
	e.Match(getHead, "/las/:code/schools", s.page(s.laSchools))
	e.Match(getHead, "/league", s.page(s.leagues))
	e.Match(getHead, "/league/:indicator", s.page(s.league))
	e.Match(getHead, "/england", s.page(s.england))
	e.Match(getHead, "/methodology", s.page(s.methodology))
	e.Match(getHead, "/sources", s.page(s.sources))
	api := e.Group("/api")
	api.Match(getHead, "/search", s.api(s.search))
	api.Match(getHead, "/schools/:urn", s.api(s.school))
	api.Match(getHead, "/compare", s.api(s.compare))
	api.Match(getHead, "/las", s.api(s.las))
	api.Match(getHead, "/las/:code", s.api(s.la))
	api.Match(getHead, "/las/:code/schools", s.api(s.laSchools))
	api.Match(getHead, "/league", s.api(s.leagues))
	api.Match(getHead, "/league/:indicator", s.api(s.league))
	api.Match(getHead, "/england", s.api(s.england))
	api.Match(getHead, "/methodology", s.api(s.methodology))
	api.Match(getHead, "/sources", s.api(s.sources))
	// (as e.StaticFS, which registers GET only: the router has already
	// unescaped the path)
	e.Match(getHead, "/static/*", echo.StaticDirectoryHandler(static.FS, true))
	e.Match(getHead, "/healthz", s.healthz)
}

// securityHeaders sets the Content-Security-Policy and friends on every response.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "+
			"img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		return next(c)
	}
}

// rateLimit allows each client IP (the connection's address; forwarded
// headers are not trusted) perSec requests a second with bursts of burst,
// and answers the rest 429 with Retry-After. Idle clients are forgotten
// after three minutes.
func rateLimit(perSec float64, burst int) echo.MiddlewareFunc {
	if burst <= 0 {
		burst = max(1, int(2*perSec))
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: perSec, Burst: burst, ExpiresIn: 3 * time.Minute})
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: store,
		DenyHandler: func(c *echo.Context, _ string, _ error) error {
			if c.Response().Header().Get(echo.HeaderRetryAfter) == "" {
				c.Response().Header().Set(echo.HeaderRetryAfter, "1")
			}
			return echo.NewHTTPError(http.StatusTooManyRequests, "rate limit exceeded")
		},
	})
}

// deadlineError marks an error from a request whose time limit has passed
// as a deadline error, so it is a 503 "too slow" page: DuckDB reports a
// query interrupted by the deadline as "INTERRUPT Error", not as
// context.DeadlineExceeded, and that would otherwise be a 500.
func deadlineError(c *echo.Context, err error) error {
	if err != nil && !errors.Is(err, context.DeadlineExceeded) &&
		errors.Is(c.Request().Context().Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	return err
}

// etag lets clients revalidate: every response depends only on the URL and the
// database build, so the build id is the validator.
func (s *server) etag(next echo.HandlerFunc) echo.HandlerFunc {
	tag := fmt.Sprintf("W/%q", s.buildID)
	return func(c *echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodGet && r.Method != http.MethodHead || r.URL.Path == "/healthz" {
			return next(c)
		}
		h := c.Response().Header()
		h.Set("ETag", tag)
		h.Set("Cache-Control", "public, max-age=300")
		if r.Header.Get("If-None-Match") == tag {
			return c.NoContent(http.StatusNotModified)
		}
		return next(c)
	}
}

func (s *server) requestLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, HandleError: true,
		LogValuesFunc: func(c *echo.Context, v middleware.RequestLoggerValues) error {
			s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("method", v.Method), slog.String("uri", v.URI),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency))
			return nil
		},
	})
}

// Serve listens on addr and runs handler until ctx is cancelled.
func Serve(ctx context.Context, addr string, handler http.Handler, logger *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return ServeListener(ctx, ln, handler, logger)
}

// ServeListener runs handler on ln until ctx is cancelled, then shuts down
// gracefully, giving requests in flight up to ten seconds to finish. Taking
// a listener lets callers bind port 0 and learn the address first.
func ServeListener(ctx context.Context, ln net.Listener, handler http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if logger != nil {
		logger.Info("serving", "addr", ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
