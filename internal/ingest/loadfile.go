package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sendash/sendash/internal/store"
)

// loadFile stages one file, validates it, runs its load SQL and records it
// in source_file. Any problem comes back as an error naming file and line.
func (l *loader) loadFile(ctx context.Context, p plan) (FileResult, error) {
	l.nextID++
	id := l.nextID
	f := p.format
	dataset := f.ID
	if f.Dataset != nil {
		dataset = f.Dataset(p.head)
	}
	period := ""
	if f.NeedsYear {
		y, err := yearFromPath(p.path)
		if err != nil {
			return FileResult{}, &LoadError{Path: p.path, Msg: err.Error()}
		}
		period = y
	}
	cols, err := l.stage(ctx, p)
	if err != nil {
		return FileResult{}, err
	}
	if _, err := l.conn.ExecContext(ctx, l.st.Q.Get("load.ctx"), id, dataset, period, p.path); err != nil {
		return FileResult{}, err
	}
	n, err := l.stagedRows(ctx, p.path)
	if err != nil {
		return FileResult{}, err
	}
	var warnings []string
	if err := l.runLoadSQL(ctx, p, f.loadPrefixes(), cols, &warnings); err != nil {
		return FileResult{}, err
	}
	years := l.years(ctx, strings.TrimSuffix(strings.TrimPrefix(f.loadPrefixes()[len(f.loadPrefixes())-1], "load."), "."))
	// The staging tables can hold a file several times larger than memory
	// (spilled to disk): dropped now, not when the next file replaces them,
	// so the last file's stay neither in memory nor on disk while deriving.
	if _, err := l.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.raw; DROP TABLE IF EXISTS temp.ees_cells"); err != nil {
		return FileResult{}, err
	}
	now := l.cfg.Now().UTC()
	if _, err := l.conn.ExecContext(ctx, l.st.Q.Get("load.source_file"), id, l.storedPath(p.path), p.sha, p.bytes,
		f.ID, dataset, f.Title, f.Publisher, f.Licence, n, years, now, strings.Join(warnings, "; ")); err != nil {
		return FileResult{}, err
	}
	return FileResult{Path: l.shownPath(p.path), Format: f.ID, Dataset: dataset, Years: years, Rows: n, Warnings: warnings}, nil
}

func (l *loader) stagedRows(ctx context.Context, path string) (int64, error) {
	var n int64
	if err := l.conn.QueryRowContext(ctx, "SELECT count(*) FROM raw").Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, &LoadError{Path: path, Line: 2, Msg: "the file has a header but no data rows"}
	}
	return n, nil
}

// runLoadSQL runs the format's check queries (which return the first bad
// cell, if any) and then its load statements, in file order.
func (l *loader) runLoadSQL(ctx context.Context, p plan, prefixes []string, cols []string, warnings *[]string) error {
	var names []string
	for _, pre := range prefixes {
		names = append(names, l.st.Q.WithPrefix(pre)...)
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: no load SQL for format %s", p.path, p.format.ID)
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".years") {
			continue
		}
		if strings.Contains(name, ".warn") {
			w, err := l.warn(ctx, p, name)
			if err != nil {
				return err
			}
			if w != "" {
				*warnings = append(*warnings, w)
			}
			continue
		}
		if strings.Contains(name, ".check") {
			if err := l.check(ctx, p, name, cols); err != nil {
				return err
			}
			continue
		}
		start := time.Now()
		if _, err := l.conn.ExecContext(ctx, l.st.Q.Get(name)); err != nil {
			return fmt.Errorf("load %s (%s): %w", p.path, name, err)
		}
		l.cfg.Logger.Debug("sql", "name", name, "file", p.path, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// check runs a validation query returning (line, column name, value, message).
func (l *loader) check(ctx context.Context, p plan, name string, cols []string) error {
	var line sql.NullInt64
	var col, val, msg sql.NullString
	err := l.conn.QueryRowContext(ctx, l.st.Q.Get(name)).Scan(&line, &col, &val, &msg)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check %s (%s): %w", p.path, name, err)
	}
	le := &LoadError{Path: p.path, Line: line.Int64, Name: cleanColName(col.String)}
	if i := slices.Index(cols, col.String); i >= 0 {
		le.Column = i + 1
		if i < len(p.head.Columns) && p.head.Columns[i] != "" {
			le.Name = p.head.Columns[i] // as printed: COHORT_22, not its staged COHORT_PREV1
		}
	}
	if c, err := strconv.Atoi(strings.TrimPrefix(col.String, "col ")); err == nil && strings.HasPrefix(col.String, "col ") {
		le.Column, le.Name = c, ""
	}
	le.Msg = fmt.Sprintf("%s: %s", msg.String, quote(val.String))
	return le
}

// warn runs a warning query returning (line, column, value, message, count)
// and formats its first case; an empty string means no warning.
func (l *loader) warn(ctx context.Context, p plan, name string) (string, error) {
	var line, count sql.NullInt64
	var col, val, msg sql.NullString
	err := l.conn.QueryRowContext(ctx, l.st.Q.Get(name)).Scan(&line, &col, &val, &msg, &count)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("check %s (%s): %w", p.path, name, err)
	}
	return fmt.Sprintf("%d cell(s): %s, first at line %d (%s) %s, kept as published",
		count.Int64, msg.String, line.Int64, cleanColName(col.String), quote(val.String)), nil
}

func cleanColName(c string) string {
	c = strings.TrimPrefix(c, "k$")
	return strings.TrimPrefix(c, "f$")
}

func (l *loader) years(ctx context.Context, id string) string {
	name := "load." + id + ".years"
	if !l.st.Q.Has(name) {
		name = "load.years_default"
	}
	var y sql.NullString
	if err := l.conn.QueryRowContext(ctx, l.st.Q.Get(name)).Scan(&y); err != nil {
		return ""
	}
	return y.String
}

// stage creates the TEMP table raw(_line, columns...) for the file.
func (l *loader) stage(ctx context.Context, p plan) ([]string, error) {
	switch p.format.Kind {
	case readGo:
		return l.stageGo(ctx, p)
	case readParquet:
		_, err := l.conn.ExecContext(ctx, l.st.Q.Get("load.read_parquet"), p.path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p.path, err)
		}
		return p.head.Columns, nil
	}
	return l.stageCSV(ctx, p)
}

func (l *loader) stageCSV(ctx context.Context, p plan) ([]string, error) {
	if !p.head.IsUTF8 {
		return nil, &LoadError{Path: p.path, Line: 1, Msg: "the file is not UTF-8 text (Windows-1252?); re-save it as UTF-8"}
	}
	cols := stagingNames(p.format.ID, p.head.Columns)
	if p.format.StageNames != nil {
		cols = p.format.StageNames(cols)
	}
	var spec strings.Builder
	spec.WriteString("{")
	for i, c := range cols {
		if i > 0 {
			spec.WriteString(", ")
		}
		spec.WriteString(sqlString(c) + ": 'VARCHAR'")
	}
	spec.WriteString("}")
	q := strings.Replace(l.st.Q.Get("load.read_csv"), "/*COLUMNS*/", spec.String(), 1)
	if len(p.format.Columns) > 0 {
		q = strings.Replace(l.st.Q.Get("load.read_csv_columns"), "/*COLUMNS*/", spec.String(), 1)
		q = strings.Replace(q, "/*SELECT*/", selectList(p.format.Columns), 1)
	}
	if p.format.ID == "ees_tidy" {
		q = strings.Replace(q, "/*EXTRA*/", missingEES(cols), 1)
	} else if len(p.format.Optional) > 0 {
		q = strings.Replace(q, "/*EXTRA*/", optionalColumns(cols, p.format.Optional), 1)
	}
	src := p.path
	if p.mixedEndings {
		lf, err := lfCopy(p.path)
		if err != nil {
			return nil, err
		}
		defer os.Remove(lf)
		src = lf
	}
	if _, err := l.conn.ExecContext(ctx, q, src); err != nil {
		return nil, csvError(p.path, cols, err)
	}
	return cols, nil
}

// stagingNames makes header names unique and, for EES files, prefixes key
// columns with k$ and filters with f$ so the SQL can tell them from indicators.
func stagingNames(format string, header []string) []string {
	out := make([]string, len(header))
	taken := map[string]bool{} // DuckDB compares column names case-insensitively
	for i, c := range header {
		if c == "" {
			c = fmt.Sprintf("column%d", i+1)
		}
		if format == "ees_tidy" {
			c = eesStagingName(c)
		}
		name := c
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s_%d", c, n)
		}
		taken[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func eesStagingName(c string) string {
	switch {
	case slices.Contains(eesKeyColumns, c):
		return "k$" + c
	case slices.Contains(eesFilterColumns, c):
		return "f$" + c
	}
	return c
}

// missingEES lists, as NULL text columns, the standard EES key and filter
// columns this file lacks, so one load query fits every EES file.
func missingEES(cols []string) string {
	var b strings.Builder
	for _, c := range append(append([]string{}, eesKeyColumns...), eesFilterColumns...) {
		if name := eesStagingName(c); !slices.Contains(cols, name) {
			b.WriteString(", CAST(NULL AS VARCHAR) AS " + sqlIdent(name))
		}
	}
	return b.String()
}

func (l *loader) stageGo(ctx context.Context, p plan) ([]string, error) {
	t, err := p.format.Parse(p.path)
	if err != nil {
		return nil, err
	}
	ddl := []string{"_line BIGINT"}
	for _, c := range t.Columns {
		ddl = append(ddl, sqlIdent(c)+" VARCHAR")
	}
	if _, err := l.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE raw ("+strings.Join(ddl, ", ")+")"); err != nil {
		return nil, err
	}
	if err := store.AppendRows(ctx, l.conn, "raw", t.Lines, t.Rows); err != nil {
		return nil, fmt.Errorf("%s: %w", p.path, err)
	}
	if t.Header != nil {
		return t.Header, nil
	}
	return t.Columns, nil
}

func sqlIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func sqlString(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

var (
	csvLineRe   = regexp.MustCompile(`CSV Error on Line: (\d+)`)
	csvColsRe   = regexp.MustCompile(`Expected Number of Columns: (\d+) Found: (\d+)`)
	csvOrigLine = regexp.MustCompile(`Original Line: ([^\n]*)`)
)

// csvError turns DuckDB's CSV reader error into a LoadError with line and column.
func csvError(path string, cols []string, err error) error {
	msg := err.Error()
	m := csvLineRe.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	line, _ := strconv.ParseInt(m[1], 10, 64)
	le := &LoadError{Path: path, Line: line}
	switch c := csvColsRe.FindStringSubmatch(msg); {
	case c != nil:
		want, _ := strconv.Atoi(c[1])
		got, _ := strconv.Atoi(c[2])
		le.Column = min(got+1, want)
		if got > want {
			le.Column = want + 1
			le.Msg = fmt.Sprintf("row has %d columns, the header has %d (extra column)", got, want)
		} else {
			if le.Column >= 1 && le.Column <= len(cols) {
				le.Name = cleanColName(cols[le.Column-1])
			}
			le.Msg = fmt.Sprintf("row has %d of %d columns: the file is truncated or the row is cut short", got, want)
		}
	case strings.Contains(msg, "unterminated quote"):
		le.Msg = "a quoted value is never closed: the file is truncated or malformed"
	case strings.Contains(strings.ToLower(msg), "unicode"):
		le.Msg = "the file is not UTF-8 text (Windows-1252?); re-save it as UTF-8"
	default:
		le.Msg = strings.SplitN(msg, "\n", 2)[0]
	}
	if o := csvOrigLine.FindStringSubmatch(msg); o != nil && le.Column == 0 {
		le.Msg += fmt.Sprintf(" (line starts %.60q)", o[1])
	}
	return le
}
