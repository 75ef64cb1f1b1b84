package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v5"
)

// The served database file can be replaced in two ways.
//
// Renamed over (how sendash ingest publishes, and what the README asks):
// the server's open file is the old one, still whole, so it keeps serving
// the build it opened until it is restarted; /healthz stays ok and says a
// newer file waits for a restart.
//
// Overwritten in place (cp new.duckdb served.duckdb): the blocks DuckDB
// reads are no longer the ones it opened, and pages fail or show another
// build's rows. The server notices (the file's size or modification time
// is not what it was at open) and from then on answers every page 503 and
// /healthz 503 until it is restarted.
//
// The path is looked at with one stat at most every watchEvery (a stat is
// about a microsecond; a cached page about 20), on /healthz, and at once
// when a request fails, so a page that fails because the file changed
// under it is a 503, not a 500.

// watchEvery is how often requests look at the database file.
const watchEvery = 100 * time.Millisecond

// errDatabaseChanged is the 503 of a server whose file was overwritten.
var errDatabaseChanged = errors.New("the database file was overwritten while being served")

// dbWatch compares the database file at its path with the file opened.
type dbWatch struct {
	path   string
	opened os.FileInfo
	log    *slog.Logger
	next   atomic.Int64 // unix nanoseconds of the next due look
	broken atomic.Bool  // overwritten in place: 503 until restart
	moved  atomic.Bool  // another file is at the path: keep serving ours
	once   sync.Once    // logs the overwrite once
	mu     sync.Mutex   // one look at a time
}

func newDBWatch(path string, opened os.FileInfo, log *slog.Logger) (*dbWatch, error) {
	if opened == nil {
		fi, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("web: database %s: %w", path, err)
		}
		opened = fi
	}
	return &dbWatch{path: path, opened: opened, log: log}, nil
}

// ok reports whether the file is still the one opened, looking at it
// when a look is due (or force is set).
func (w *dbWatch) ok(force bool) bool {
	if w.broken.Load() {
		return false
	}
	now := time.Now().UnixNano()
	if !force && now < w.next.Load() {
		return true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next.Store(now + int64(watchEvery))
	if w.moved.Load() {
		return true
	}
	fi, err := os.Stat(w.path)
	switch {
	case err != nil || !os.SameFile(fi, w.opened):
		// Renamed over or removed: the open file is still whole.
		w.moved.Store(true)
		w.log.Warn("the database file was replaced (renamed over or removed); this server keeps serving the build it opened until it is restarted",
			"path", w.path)
	case fi.Size() != w.opened.Size() || !fi.ModTime().Equal(w.opened.ModTime()):
		w.broken.Store(true)
		w.once.Do(func() {
			w.log.Error("the database file was overwritten in place while being served: every page answers 503 until sendash serve is restarted; "+
				"publish a new build by writing a new file and renaming it over the old one",
				"path", w.path, "size_at_open", w.opened.Size(), "size_now", fi.Size(),
				"modified_at_open", w.opened.ModTime(), "modified_now", fi.ModTime())
		})
		return false
	}
	return true
}

// middleware answers 503 for everything but static files once the file
// has been overwritten.
func (w *dbWatch) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if p := c.Request().URL.Path; p == "/healthz" || strings.HasPrefix(p, "/static/") || w.ok(false) {
			return next(c)
		}
		return errDatabaseChanged
	}
}

// healthz answers 200 when the database answers and is the file opened,
// and 503 once that file has been overwritten.
func (s *server) healthz(c *echo.Context) error {
	if s.watch != nil && !s.watch.ok(true) {
		return c.String(http.StatusServiceUnavailable, "not ok: "+errDatabaseChanged.Error()+"; restart sendash serve\n")
	}
	if err := s.st.DB.PingContext(c.Request().Context()); err != nil {
		return err
	}
	if s.watch != nil && s.watch.moved.Load() {
		return c.String(http.StatusOK, "ok\nserving build "+s.buildID+"; a new database file has replaced it: restart to serve that\n")
	}
	return c.String(http.StatusOK, "ok\n")
}
