package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sendash/sendash/internal/store"
)

// loader holds the build connection; staging tables are TEMP on it.
type loader struct {
	cfg        Config
	st         *store.Store
	conn       *sql.Conn
	nextID     int
	builtinDir string // temp folder holding the built-in reference files
}

// shownPath is the path the summary shows for a file: built-in reference
// files are named as such rather than by their temporary location.
func (l *loader) shownPath(p string) string {
	if l.builtinDir != "" && strings.HasPrefix(p, l.builtinDir+string(filepath.Separator)) {
		return "sendash built-in: data/" + filepath.Base(p)
	}
	return p
}

// storedPath is the path recorded in the database (source_file,
// not_loaded) and shown on /sources: relative to the data folder, with
// forward slashes, so it never shows where the ingesting machine keeps it.
func (l *loader) storedPath(p string) string {
	shown := l.shownPath(p)
	if shown != p {
		return shown
	}
	if rel, err := filepath.Rel(l.cfg.DataDir, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		p = rel
	}
	return validText(filepath.ToSlash(p))
}

// plan is one recognised file waiting to load.
type plan struct {
	path, sha string
	bytes     int64
	head      *Head
	format    *Format
	// mixedEndings: lines end both in CR LF and in LF; DuckDB reads an
	// LF copy (lfCopy).
	mixedEndings bool
}

func (l *loader) exec(ctx context.Context, names ...string) error {
	for _, n := range names {
		start := time.Now()
		if _, err := l.conn.ExecContext(ctx, l.st.Q.Get(n)); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		l.cfg.Logger.Debug("sql", "name", n, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func (l *loader) loadAll(ctx context.Context, files []string) (*Result, error) {
	res := &Result{}
	plans, err := l.recogniseAll(ctx, files, res)
	if err != nil {
		return nil, err
	}
	if err := sameYearTwice(plans); err != nil {
		return nil, err
	}
	l.cfg.Progress.start(len(plans))
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fr, err := l.loadFile(ctx, p)
		if err != nil {
			return nil, err
		}
		l.cfg.Progress.fileDone(fr)
		l.cfg.Logger.Info("loaded", "file", p.path, "format", fr.Format, "dataset", fr.Dataset, "rows", fr.Rows, "years", fr.Years)
		res.Files = append(res.Files, fr)
	}
	l.cfg.Progress.finish()
	for _, nl := range res.NotLoaded {
		if _, err := l.conn.ExecContext(ctx, l.st.Q.Get("load.not_loaded"), l.storedPath(nl.Path), validText(nl.Reason)); err != nil {
			return nil, fmt.Errorf("%s: record it as not loaded: %w", validText(nl.Path), err)
		}
	}
	return res, nil
}

// recogniseAll classifies every file, records the ones it will not load,
// and resolves files that hold the same data twice.
func (l *loader) recogniseAll(ctx context.Context, files []string, res *Result) ([]plan, error) {
	extra, err := l.extraFiles()
	if err != nil {
		return nil, err
	}
	var plans []plan
	seen := map[string]string{}
	for _, path := range append(extra, files...) {
		h, err := readHead(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		f, reason, err := l.recognise(ctx, h)
		if err != nil {
			return nil, err
		}
		if errors.Is(h.SheetsErr, errTooBig) {
			return nil, h.SheetsErr
		}
		// A workbook's cells, read to recognise it, are not kept while
		// files load: its parser reads it again, and holding both doubles
		// the peak (a sheet near the limits: about 240 MB each).
		h.Sheets = nil
		if f == nil {
			if err := newerLayout(h); err != nil {
				return nil, err
			}
			res.NotLoaded = append(res.NotLoaded, FileResult{Path: path, Reason: reason})
			continue
		}
		ff, err := scanFile(path, h.IsText)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if h.IsText {
			if err := textProblem(path, h, ff); err != nil {
				return nil, err
			}
		}
		sha, n := ff.sha, ff.size
		if first, dup := seen[sha]; dup {
			res.NotLoaded = append(res.NotLoaded, FileResult{Path: path, Reason: "byte-identical to " + first + ", loaded once"})
			continue
		}
		seen[sha] = path
		plans = append(plans, plan{path: path, sha: sha, bytes: n, head: h, format: f, mixedEndings: h.IsText && ff.mixedEndings()})
	}
	return resolveDuplicates(plans, res), nil
}

// sameYearTwice refuses two files of one year-less format (a performance
// tables download) for the same academic year, e.g. a provisional and a
// revised school census both left in the folder: their rows would count
// every school twice. It names both files, before anything is loaded.
func sameYearTwice(plans []plan) error {
	first := map[[2]string]string{}
	for _, p := range plans {
		if !p.format.NeedsYear {
			continue
		}
		y, err := yearFromPath(p.path)
		if err != nil {
			continue // loadFile reports it, in file order
		}
		k := [2]string{p.format.ID, y}
		if f, ok := first[k]; ok {
			return &LoadError{Path: p.path, Msg: fmt.Sprintf("%s for %s is already in %s; keep one of the two files in the folder (e.g. the revised one)", p.format.Title, y, f)}
		}
		first[k] = p.path
	}
	return nil
}

// resolveDuplicates applies the documented precedence between formats
// that carry the same published data.
func resolveDuplicates(plans []plan, res *Result) []plan {
	has := map[string]string{}
	for _, p := range plans {
		has[p.format.ID] = p.path
	}
	var out []plan
	for _, p := range plans {
		if p.format.ID == "lait_long" && has["lait_parquet"] != "" {
			res.NotLoaded = append(res.NotLoaded, FileResult{Path: p.path,
				Reason: "LAIT CSV extract: the full LAIT parquet " + has["lait_parquet"] + " is loaded instead (the parquet wins when both are present)"})
			continue
		}
		out = append(out, p)
	}
	return out
}

// recognise finds the format of a file. A file that says what it is (a
// parquet file, an xlsx or ODS workbook) but cannot be read to its end, a
// truncated or damaged download, is an error naming it: listing it as not
// loaded would replace the data it held with nothing.
func (l *loader) recognise(ctx context.Context, h *Head) (*Format, string, error) {
	if h.IsParquet {
		cols, err := l.parquetColumns(ctx, h.Path)
		if err != nil {
			return nil, "", unreadable(h.Path, "parquet file", err)
		}
		h.Columns = cols
	}
	if h.IsZip && h.ZipErr != nil {
		switch h.ZipKind {
		case "xlsx":
			return nil, "", unreadable(h.Path, "Excel workbook (xlsx)", h.ZipErr)
		case "ods":
			return nil, "", unreadable(h.Path, "OpenDocument spreadsheet (ODS)", h.ZipErr)
		}
		return nil, "zip archive that cannot be opened (truncated or damaged): " + h.ZipErr.Error(), nil
	}
	for _, f := range Formats() {
		if f.Match(h) {
			if f.Kind == readCSV && !h.IsText {
				continue
			}
			return &f, "", nil
		}
	}
	if h.SheetsErr != nil {
		return nil, "", unreadable(h.Path, "spreadsheet", h.SheetsErr)
	}
	return nil, unrecognisedReason(h), nil
}

// unreadable is the error for a file that cannot be read to its end: the
// first line of the reader's message, without the path it repeats.
func unreadable(path, what string, err error) error {
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	msg = strings.TrimPrefix(msg, path+": ")
	return &LoadError{Path: path, Msg: what + " that cannot be read to its end (truncated or damaged? download it again): " + validText(msg)}
}

func unrecognisedReason(h *Head) string {
	switch {
	case h.UTF16:
		return "UTF-16 text whose header matches no known format (re-save it as UTF-8 if it is data): " + clipTo(strings.Join(firstN(h.Columns, 6), ","), maxListed)
	case h.NULLine > 0:
		return fmt.Sprintf("text with a NUL byte (character 0) at line %d, damaged or not text, whose header matches no known format", h.NULLine)
	case h.IsText && len(h.Records) == 0:
		return "empty file"
	case h.IsZip && h.isXLSX():
		return "spreadsheet with no sheet in a known layout"
	case h.IsZip && h.isODS():
		return "OpenDocument spreadsheet with no sheet in a known layout"
	case h.IsZip:
		return "zip archive: unzip it first (sendash fetch does this for EES releases)"
	case h.IsText && strings.HasSuffix(strings.ToLower(h.Path), ".md"):
		return "documentation (provenance notes), not data"
	case h.IsText && h.hasCols("time_period", "geographic_level"):
		return "EES file with no numeric indicator (e.g. designated officers yes/no); no sendash indicator uses it"
	case h.IsText && len(h.Columns) <= 1:
		return "text document, not a data table (e.g. release data guidance)"
	case h.IsText:
		header := clipTo(strings.Join(firstN(h.Columns, 6), ","), maxListed)
		if !utf8.ValidString(header) {
			return "table whose header is not UTF-8 text (likely Windows-1252) and matches no known format: " + validText(header)
		}
		return "table whose header matches no known format: " + header
	}
	return "not a text, spreadsheet or parquet file"
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func (l *loader) parquetColumns(ctx context.Context, path string) ([]string, error) {
	rows, err := l.conn.QueryContext(ctx, l.st.Q.Get("load.parquet_columns"), path)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// extraFiles writes the built-in reference files to a temp folder so they
// load through the same path as downloaded files.
func (l *loader) extraFiles() ([]string, error) {
	if len(l.cfg.Extra) == 0 {
		return nil, nil
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", builtinPrefix, os.Getpid()))
	if err != nil {
		return nil, err
	}
	l.builtinDir = dir
	var out []string
	for _, e := range l.cfg.Extra {
		p := filepath.Join(dir, e.Name)
		if err := os.WriteFile(p, e.Data, 0o644); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// validText makes a path or message storable as text: a file name or header
// that is not UTF-8 (a Windows-1252 "é", a stray byte) has each invalid byte
// replaced by U+FFFD, so the file is still named instead of the ingest
// failing with DuckDB's "could not bind parameter".
func validText(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
