package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/web"
	"github.com/sendash/sendash/queries"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "", "database file built by sendash ingest")
	dir := fs.String("data", "", "folder of published files: ingest it, then serve")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (port 0 picks a free port)")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request time limit")
	rateLimit := fs.Float64("rate-limit", web.DefaultRateLimit, "requests per second per client IP (0 = no limit)")
	cacheMB := fs.Int64("cache-mb", web.DefaultCacheBytes>>20, "memory for cached pages in MB (0: no cache)")
	inFlight := fs.Int("max-inflight", 0, "page requests run at once, the rest wait in arrival order (0: one a core; -1: no limit)")
	allowShrink := fs.Bool("allow-shrink", false, "with --data: replace the database even if a dataset it has would be lost or keep under half its rows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if e.getenv("GOGC") == "" {
		// What a server keeps live is small (about 30 MB of Go heap at national
		// size, beside the page cache) and a page leaves 0.4-0.7 MB of garbage,
		// so at the default 100 it would collect ten times a second under load.
		// At 200 it collects half as often, for about 30 MB more heap, and
		// serves about a tenth more cold LA pages a second at 8 clients with a
		// lower p95. The memory limit below still bounds the heap.
		debug.SetGCPercent(200)
	}
	if e.getenv("GOMEMLIMIT") == "" && *cacheMB > 0 {
		// Bound the Go heap (the page cache, about 30 MB of kept tables and the
		// pages being built) rather than let it grow to three times what is
		// live. The 128 MB beside the cache is room for the collector: with
		// school pages drawn from all 24,000 schools (most miss the cache) at
		// 8 clients, a limit of cache + 64 MB makes it run so often that p95
		// is 26 ms at 555 pages/s, where cache + 128 MB gives 19 ms at 740
		// pages/s with a peak RSS of 334 MB.
		debug.SetMemoryLimit((*cacheMB + 128) << 20)
	}
	// Page requests run one a core (the admission queue, web/admit.go), and
	// the Go scheduler gets twice as many Ps as cores, so that while those
	// run (or wait in DuckDB) another P still reads the next requests off
	// the network and queues them in arrival order. With one P a core, at 8
	// clients on 2 cores a request can sit unread for 50 ms and more: the
	// school page's p95 under wrk is 86 ms that way and 24-28 ms this way.
	cores := runtime.GOMAXPROCS(0)
	if e.getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(2 * cores)
	}
	if *inFlight == 0 {
		*inFlight = cores
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	path, demo, err := serveDatabase(ctx, e, ingestOptions{dir: *dir, db: *db, allowShrink: *allowShrink}, logger)
	if err != nil {
		return err
	}
	// The file as it is before it is opened: the server watches the path
	// for a file that is no longer this one (web/dbwatch.go).
	opened, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	st, err := store.Open(ctx, path, store.ServingOptions())
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	if _, err := st.BuildID(ctx); err != nil {
		return fmt.Errorf("serve: %s is not a sendash database (run sendash ingest): %w", path, err)
	}
	if v, err := st.SchemaVersion(ctx); err != nil || v != store.BuildVersion(st.Q) {
		return fmt.Errorf("serve: %s was built by another version of sendash, whose tables differ from the ones this version reads: rebuild it with sendash ingest --data DIR --db %s", path, path)
	}
	if err := st.Warm(ctx); err != nil {
		return fmt.Errorf("serve: read %s: %w", path, err)
	}
	h, err := web.New(web.Config{Store: st, Logger: logger, Demo: demo, RequestTimeout: *timeout,
		CacheBytes: *cacheMB << 20, RateLimit: *rateLimit, RateBurst: web.DefaultRateBurst, MaxInFlight: *inFlight,
		DBPath: path, DBOpened: opened})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(e.stdout, "sendash: serving %s on http://%s/\n", path, ln.Addr())
	return web.ServeListener(ctx, ln, h, logger)
}

// serveDatabase picks the database to serve: --db as given, --data ingested
// beside it, or (no flags) the embedded demo data cached in the user cache dir.
func serveDatabase(ctx context.Context, e env, o ingestOptions, logger *slog.Logger) (string, bool, error) {
	o.mem, o.level = "2GB", slog.LevelWarn
	switch {
	case o.db != "" && o.dir != "":
		_, err := ingestFolder(ctx, e, o)
		return o.db, false, err
	case o.db != "":
		if _, err := os.Stat(o.db); err != nil {
			return "", false, fmt.Errorf("serve: database %s: %w (build it with sendash ingest --data DIR --db %s)", o.db, err, o.db)
		}
		return o.db, false, nil
	case o.dir != "":
		o.db, o.quiet = filepath.Join(o.dir, ".sendash.duckdb"), true
		_, err := ingestFolder(ctx, e, o)
		return o.db, false, err
	}
	return demoDatabase(ctx, e, logger)
}

// demoDatabase ingests the embedded demo files once into the user cache
// folder, keyed by their checksum, and reuses that database afterwards.
func demoDatabase(ctx context.Context, e env, logger *slog.Logger) (string, bool, error) {
	sum, err := demoChecksum()
	if err != nil {
		return "", true, err
	}
	cache, err := os.UserCacheDir()
	if err != nil || e.getenv("SENDASH_CACHE") != "" {
		cache = e.getenv("SENDASH_CACHE")
	}
	if cache == "" {
		cache = os.TempDir()
	}
	base := filepath.Join(cache, "sendash")
	// The key includes the build version, so a new sendash builds its own.
	sum = sum[:16] + "-" + store.BuildVersion(queries.MustLoad())
	db := filepath.Join(base, "demo-"+sum+".duckdb")
	if _, err := os.Stat(db); err == nil {
		return db, true, nil
	}
	src := filepath.Join(base, "demo-"+sum)
	if err := extractDemo(src); err != nil {
		return "", true, err
	}
	logger.Info("first run: loading the demo data", "into", db)
	if _, err := ingestFolder(ctx, e, ingestOptions{dir: src, db: db, mem: "1GB", quiet: true, level: slog.LevelWarn}); err != nil {
		return "", true, err
	}
	return db, true, nil
}

func demoChecksum() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(data.Demo, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Demo, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func extractDemo(dst string) error {
	return fs.WalkDir(data.Demo, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Demo, p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}
