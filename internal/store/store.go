// Package store owns the DuckDB database: opening it, appending rows, and
// the typed queries the web pages and the CLI call. It is the only package
// that imports the DuckDB driver.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/sendash/sendash/queries"
)

// ErrNotFound is returned when a school, LA, indicator or year does not exist.
var ErrNotFound = errors.New("not found")

// Options controls how the database file is opened.
type Options struct {
	ReadOnly    bool   // serving opens read-only so requests can never write
	MemoryLimit string // DuckDB memory_limit, e.g. "1GB"; empty keeps the default
	Threads     int    // 0 keeps DuckDB's default (one per core)
	MaxConns    int    // connection pool bound; 0 means 2 x threads
	// Sandbox opens the file read-only for user-written SQL (`sendash
	// sql`): no reading or writing other files, attaching databases,
	// installing or loading extensions, or changing these settings.
	Sandbox bool
	// RowGroupSize, when set, creates the file with row groups of this many
	// rows (a multiple of 2048) instead of DuckDB's 122,880. A page reads a
	// few rows by key, and DuckDB scans the whole row group holding them:
	// 8,192-row groups make those reads 2-3 times cheaper.
	// The size is a property of the file, kept when it is reopened.
	RowGroupSize int
}

// ServingOptions are how `sendash serve` (and the page benchmarks) open a
// database: read-only; one DuckDB thread per query, since page queries are
// small and concurrent requests already keep the cores busy; one pooled
// connection per core (at least 2), so further requests queue for a
// connection instead of oversubscribing the CPU or the memory; 64 MB of
// DuckDB memory per connection. On 2 cores: 15%
// less CPU per page than 2 threads and 8 connections, and with 32 clients
// missing the page cache a peak of about 360 MB resident (256 MB limit:
// 420 MB; 128 MB shared by 4 connections: queries fail for want of memory).
func ServingOptions() Options {
	conns := max(2, runtime.NumCPU())
	return Options{ReadOnly: true, MaxConns: conns, MemoryLimit: fmt.Sprintf("%dMB", 64*conns), Threads: 1}
}

// Store is an open sendash database.
type Store struct {
	DB *sql.DB
	Q  *queries.Set

	// Small tables read on most pages, kept once read: see kept.
	keptMu sync.Mutex
	cat    *Catalogue // the indicator catalogue
	flags  *[]Flag    // every flag
	// every rule that could not be judged, by level and code (unjudged.go)
	unjudged *map[string][]FlagUnjudged
	las      *laDirectory            // every LA and its lookup codes
	leagues  *[]IndicatorInfo        // the indicators with LA figures
	search   *searchIndex            // page_search, matched in Go (search.go)
	pcs      *postcodeIndex          // the postcode lookup, packed (postcodes.go)
	nbrs     *map[string][]Neighbour // every LA's statistical neighbours
	// every indicator's league years and groups (page_league_periods)
	leaguePeriods *map[string][]leaguePeriod
	laDocs        *map[string]laDoc // every LA's page document (ladoc.go)
	laSchools     *laSchoolIndex    // every LA's school counts and list years (laschools.go)
	stmts         sync.Map          // query name -> *sql.Stmt
	conn          *sql.Conn         // when set, queries run on this one connection
}

// Open opens (or creates, unless read-only) the database at path; an empty
// path opens an in-memory database (used by tests).
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	q, err := queries.Load()
	if err != nil {
		return nil, err
	}
	v := url.Values{}
	v.Set("autoinstall_known_extensions", "false")
	v.Set("autoload_known_extensions", "true")
	if opt.ReadOnly || opt.Sandbox {
		v.Set("access_mode", "READ_ONLY")
	}
	if opt.Sandbox {
		// No file, network or extension access beyond the database itself,
		// and no SET that could turn it back on.
		v.Set("enable_external_access", "false")
		v.Set("autoload_known_extensions", "false")
		v.Set("allow_community_extensions", "false")
		v.Set("lock_configuration", "true")
	}
	if opt.MemoryLimit != "" {
		v.Set("memory_limit", opt.MemoryLimit)
	}
	if opt.Threads > 0 {
		v.Set("threads", strconv.Itoa(opt.Threads))
	}
	dsn, init := path, func(driver.ExecerContext) error { return nil }
	if opt.RowGroupSize > 0 && path != "" {
		// DuckDB sets the row group size when a file is attached, so the
		// file is attached to an in-memory instance and made every
		// connection's default database.
		dsn = ""
		// Spill beside the file, as DuckDB does for a file it opens itself
		// (an in-memory instance would spill into the working directory).
		v.Set("temp_directory", path+".tmp")
		attach := fmt.Sprintf("ATTACH IF NOT EXISTS '%s' AS sendash (ROW_GROUP_SIZE %d); USE sendash",
			strings.ReplaceAll(path, "'", "''"), opt.RowGroupSize)
		init = func(c driver.ExecerContext) error {
			_, err := c.ExecContext(context.Background(), attach, nil)
			return err
		}
	}
	connector, err := duckdb.NewConnector(dsn+"?"+v.Encode(), init)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", displayPath(path), err)
	}
	db := sql.OpenDB(connector)
	if opt.MaxConns > 0 {
		db.SetMaxOpenConns(opt.MaxConns)
		db.SetMaxIdleConns(opt.MaxConns)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", displayPath(path), err)
	}
	return &Store{DB: db, Q: q}, nil
}

func displayPath(p string) string {
	if p == "" {
		return "(in memory)"
	}
	return p
}

// Close closes the database and its prepared statements.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return s.DB.Close()
}

// Warm reads what a store keeps (the indicator catalogue, flags,
// LA directory, league list and years, statistical neighbours, search
// index, postcode lookup and LA page documents), so the first requests do not pay for it;
// `sendash serve` calls it before it listens.
func (s *Store) Warm(ctx context.Context) error {
	for _, read := range []func() error{
		func() error { _, err := s.Indicators(ctx); return err },
		func() error { _, err := s.Flags(ctx, "la", ""); return err },
		func() error { _, err := s.Unjudged(ctx, "la", ""); return err },
		func() error { _, err := s.laDirectory(ctx); return err },
		func() error { _, err := s.LeagueIndicators(ctx); return err },
		func() error { _, err := s.neighbourMap(ctx); return err },
		func() error { _, err := s.searchIndex(ctx); return err },
		func() error { _, err := s.postcodes(ctx); return err },
		func() error { _, err := s.leaguePeriodMap(ctx); return err },
		func() error { _, err := s.laDocMap(ctx); return err },
		func() error { _, err := s.laSchoolIdx(ctx); return err },
	} {
		if err := read(); err != nil {
			return err
		}
	}
	return nil
}

// kept returns *slot, filled by read on first use. A page reads only tables
// that ingest has finished writing, so what is kept never goes stale: a
// store that writes page tables (a test's) is closed and reopened before
// its pages are read.
func kept[T any](s *Store, slot **T, read func() (*T, error)) (*T, error) {
	s.keptMu.Lock()
	defer s.keptMu.Unlock()
	if *slot == nil {
		v, err := read()
		if err != nil {
			return nil, err
		}
		*slot = v
	}
	return *slot, nil
}

// query runs the named query, prepared once (database/sql then keeps it
// prepared on each pooled connection), so a page skips DuckDB's parse and
// plan: about a tenth of a cold page's CPU. A store bound to one connection
// (the ingest's builders) runs the text on it instead.
func (s *Store) query(ctx context.Context, name string, args ...any) (*sql.Rows, error) {
	if s.conn != nil {
		return s.conn.QueryContext(ctx, s.Q.Get(name), args...)
	}
	st, err := s.stmt(ctx, name)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// stmt returns the prepared statement for a named query, preparing it on
// first use.
func (s *Store) stmt(ctx context.Context, name string) (*sql.Stmt, error) {
	if v, ok := s.stmts.Load(name); ok {
		return v.(*sql.Stmt), nil
	}
	st, err := s.DB.PrepareContext(ctx, s.Q.Get(name))
	if err != nil {
		return nil, err
	}
	if v, loaded := s.stmts.LoadOrStore(name, st); loaded {
		st.Close()
		return v.(*sql.Stmt), nil
	}
	return st, nil
}

// AppendRows bulk-appends text rows to an existing table through DuckDB's
// appender on one connection. Each row is prefixed with its line number,
// so the table's first column must be a BIGINT line column.
func AppendRows(ctx context.Context, conn *sql.Conn, table string, lines []int, rows [][]string) error {
	return withAppender(conn, table, func(app *duckdb.Appender) error {
		vals := make([]driver.Value, 0, 32)
		for i, row := range rows {
			vals = vals[:0]
			vals = append(vals, int64(lines[i]))
			for _, cell := range row {
				vals = append(vals, cell)
			}
			if err := app.AppendRow(vals...); err != nil {
				return fmt.Errorf("append %s line %d: %w", table, lines[i], err)
			}
		}
		return nil
	})
}

// appendRows appends rows of any values to table on conn.
func appendRows(conn *sql.Conn, table string, rows [][]any) error {
	return withAppender(conn, table, func(app *duckdb.Appender) error {
		vals := make([]driver.Value, 0, 8)
		for _, row := range rows {
			vals = vals[:0]
			for _, v := range row {
				vals = append(vals, v)
			}
			if err := app.AppendRow(vals...); err != nil {
				return fmt.Errorf("append %s, %v: %w", table, row[0], err)
			}
		}
		return nil
	})
}

// AppendEach appends rows to table on conn through DuckDB's appender: fill
// calls add once a row, with the row's values in column order.
func AppendEach(conn *sql.Conn, table string, fill func(add func(vals ...driver.Value) error) error) error {
	return withAppender(conn, table, func(app *duckdb.Appender) error {
		return fill(func(vals ...driver.Value) error {
			if err := app.AppendRow(vals...); err != nil {
				return fmt.Errorf("append %s: %w", table, err)
			}
			return nil
		})
	})
}

// withAppender runs fill with a DuckDB appender on table over conn, and
// flushes it (or, when fill fails, closes it and returns fill's error).
func withAppender(conn *sql.Conn, table string, fill func(*duckdb.Appender) error) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append %s: not a driver connection", table)
		}
		app, err := duckdb.NewAppenderFromConn(c, "", table)
		if err != nil {
			return fmt.Errorf("append %s: %w", table, err)
		}
		if err := fill(app); err != nil {
			app.Close()
			return err
		}
		return app.Close()
	})
}
