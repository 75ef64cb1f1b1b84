// Package ingest recognises published SEND statistics files by their content
// and loads them into a new DuckDB database of canonical tables, which it
// renames into place only when the whole load has succeeded.
package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sendash/sendash/internal/store"
)

// Config says what to load and where to put it.
type Config struct {
	DataDir     string
	DBPath      string
	MemoryLimit string       // DuckDB memory_limit for the build, e.g. "2GB"
	Progress    *Progress    // nil for none
	Logger      *slog.Logger // never nil in production; tests may pass slog.New(discard)
	Now         func() time.Time
	Extra       []NamedReader // built-in reference files (e.g. the LA changes list)
	// AllowShrink lets a build replace a database that has a dataset the
	// build lacks, or has more than twice its rows (see DatasetRows).
	AllowShrink bool
	// TempDir is the system temporary folder where killed ingests' folders
	// are looked for (tidy); empty means os.TempDir().
	TempDir string
}

// NamedReader is an embedded reference file loaded like a file on disk.
type NamedReader struct {
	Name string
	Data []byte
}

// Result summarises a finished ingest.
type Result struct {
	Files     []FileResult
	NotLoaded []FileResult
	Places    Places
	Elapsed   time.Duration
	// Datasets is every dataset's rows in the previous database and in
	// this build; Previous says why there is nothing to compare with
	// ("" when there was a previous sendash database).
	Datasets []DatasetRows
	Previous string
	// Tidied says what killed ingests had left and this one removed.
	Tidied []string
}

// FileResult is one line of the ingest summary.
type FileResult struct {
	Path, Format, Dataset, Years, Reason string
	Rows                                 int64
	Warnings                             []string
}

// Run builds a fresh database from cfg.DataDir beside cfg.DBPath and renames
// it over cfg.DBPath only when every file has loaded. On any error the
// previous database is left exactly as it was.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := checkTarget(cfg.DBPath); err != nil {
		return nil, err
	}
	unlock, tookOver, err := lockTarget(cfg.DBPath)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var tidied []string
	if tookOver != "" {
		cfg.Logger.Warn(tookOver)
		tidied = append(tidied, tookOver)
	}
	files, err := listFiles(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	files = withoutFile(files, cfg.DBPath+".lock") // a target inside the data folder
	tidied = append(tidied, tidy(cfg.DBPath, cfg.TempDir, cfg.Logger)...)
	before, _, previous := previousRows(ctx, cfg.DBPath)
	tmp := fmt.Sprintf("%s.building-%d", cfg.DBPath, os.Getpid())
	os.Remove(tmp)
	defer os.Remove(tmp)
	defer os.Remove(tmp + ".wal")
	defer os.RemoveAll(tmp + ".tmp") // DuckDB's spill files
	res, err := build(ctx, cfg, tmp, files)
	if err != nil {
		return nil, err
	}
	res.Tidied, res.Previous = tidied, previous
	res.Datasets = compareDatasets(before, res.Files)
	if !cfg.AllowShrink {
		if err := checkShrink(cfg.DBPath, res); err != nil {
			return nil, err
		}
	}
	if err := publish(tmp, cfg.DBPath); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// docReaders is how many connections read the page tables for the school
// documents, each a batch of schools at a time, while conn appends the
// packed batches (store.BuildSchoolDocs): on the national set and 2 cores,
// two readers, with packing by klauspost/compress, build the documents in
// about 25 s; one connection reading and packing in turn takes about 36 s.
const docReaders = 2

// buildSchoolDocs builds the school documents with docReaders connections
// reading the page tables beside conn.
func buildSchoolDocs(ctx context.Context, st *store.Store, conn *sql.Conn) error {
	var readers []*sql.Conn
	defer func() {
		for _, r := range readers {
			r.Close()
		}
	}()
	for range docReaders {
		r, err := st.DB.Conn(ctx)
		if err != nil {
			return err
		}
		readers = append(readers, r)
	}
	return st.BuildSchoolDocs(ctx, conn, readers, store.SchoolDocBatch)
}

// RowGroupSize is the row group size of a built database: small, because
// pages read a few rows by key and DuckDB scans each row group they touch
// (store.Options.RowGroupSize).
const RowGroupSize = 8192

func build(ctx context.Context, cfg Config, tmp string, files []string) (*Result, error) {
	// One connection does the loading and deriving; docReaders more read the
	// page tables for the school documents at the end.
	st, err := store.Open(ctx, tmp, store.Options{MemoryLimit: cfg.MemoryLimit, RowGroupSize: RowGroupSize,
		MaxConns: 1 + docReaders})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	l := &loader{cfg: cfg, st: st, conn: conn}
	defer func() {
		if l.builtinDir != "" {
			os.RemoveAll(l.builtinDir)
		}
	}()
	if err := l.exec(ctx, "schema.macros", "schema.lait_macros", "schema.rate_macros", "schema.school_macros", "schema.tables"); err != nil {
		return nil, fmt.Errorf("create schema: %w", err)
	}
	// The tables every layer writes (figure, similar_school) are built as
	// temporary tables, in memory or DuckDB's spill files, and written to
	// the file once, finished and sorted (derive.final.*): writing figure
	// to the file as the layers fill it, and again when it is finished,
	// cost ~10 s at national size.
	figures := strings.ReplaceAll(st.Q.Get("schema.figures"), "/*BUILD*/", "TEMP")
	if _, err := conn.ExecContext(ctx, figures); err != nil {
		return nil, fmt.Errorf("create schema: schema.figures: %w", err)
	}
	res, err := l.loadAll(ctx, files)
	if err != nil {
		return nil, err
	}
	// Write the loaded rows to the file before deriving, so what the
	// derive steps need is read back from evictable blocks.
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if err := l.runPipeline(ctx); err != nil {
		return nil, err
	}
	if res.Places, err = l.placeCounts(ctx); err != nil {
		return nil, fmt.Errorf("count places: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	return res, nil
}

// checkTarget refuses, before any work, a target the built file could not
// be renamed over: a directory, or a path whose folder does not exist.
func checkTarget(db string) error {
	if fi, err := os.Stat(db); err == nil && fi.IsDir() {
		return fmt.Errorf("--db %s is a folder: name the database file to create or replace", db)
	}
	if fi, err := os.Stat(filepath.Dir(db)); err != nil || !fi.IsDir() {
		return fmt.Errorf("--db %s: its folder %s does not exist", db, filepath.Dir(db))
	}
	return nil
}

// publish makes the built file durable and atomically replaces the target.
func publish(tmp, target string) error {
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	f.Close()
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("replace %s: %w", target, err)
	}
	if d, err := os.Open(filepath.Dir(target)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// withoutFile drops path (however it is spelled) from files.
func withoutFile(files []string, path string) []string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return files
	}
	out := files[:0]
	for _, f := range files {
		if a, err := filepath.Abs(f); err != nil || a != abs {
			out = append(out, f)
		}
	}
	return out
}

// listFiles walks dir recursively in lexical order, skipping hidden files.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() != "." && len(d.Name()) > 0 && d.Name()[0] == '.' && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read data folder: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read data folder %s: no files found", dir)
	}
	sort.Strings(out)
	return out, nil
}

func fileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// LoadError is a bad-input error that names the file, line and column.
type LoadError struct {
	Path   string
	Line   int64
	Column int    // 1-based; 0 when unknown
	Name   string // column name when known
	Msg    string
}

func (e *LoadError) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc += fmt.Sprintf(" line %d", e.Line)
	}
	if e.Column > 0 {
		loc += fmt.Sprintf(" column %d", e.Column)
	}
	if e.Name != "" {
		loc += fmt.Sprintf(" (%s)", clip(e.Name))
	}
	return loc + ": " + e.Msg
}

// AsLoadError extracts a LoadError from an error chain.
func AsLoadError(err error) (*LoadError, bool) {
	var le *LoadError
	ok := errors.As(err, &le)
	return le, ok
}
