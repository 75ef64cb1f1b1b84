package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// DatasetRows is one dataset's rows (as read from its files) in the
// database being replaced and in the new build: the summary prints every
// one, and a dataset the new build loses, or has far fewer rows of, stops
// the build unless Config.AllowShrink is set.
type DatasetRows struct {
	Dataset       string
	Before, After int64
	// InBefore is false when the previous database did not have the
	// dataset (or there was no previous sendash database).
	InBefore bool
}

// Shrunk reports whether the new build would lose the dataset or keep
// under half its rows.
func (d DatasetRows) Shrunk() bool { return d.InBefore && d.Before > 0 && d.After*2 < d.Before }

// ShrinkError stops a build that would drop or shrink datasets the
// previous database had.
type ShrinkError struct {
	Target string
	Shrunk []DatasetRows
}

func (e *ShrinkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this build would lose data %s has:", e.Target)
	for _, d := range e.Shrunk {
		fmt.Fprintf(&b, "\n  dataset %s: %s rows before, %s now", d.Dataset, thousands(d.Before), thousands(d.After))
	}
	b.WriteString("\ncheck the data folder for a missing, renamed or damaged file, or pass --allow-shrink to replace the database anyway")
	return b.String()
}

// datasetKey is what the shrink check compares: the dataset, except for
// formats that load through another format's SQL (the LAIT parquet and
// CSV extract, the school information xlsx and CSV), which hold the same
// data and are compared as the format whose SQL they share.
func datasetKey(format, dataset string) string {
	for _, f := range Formats() {
		if f.ID == format && f.Dataset == nil && len(f.LoadSQL) > 0 {
			last := f.LoadSQL[len(f.LoadSQL)-1]
			return strings.TrimSuffix(strings.TrimPrefix(last, "load."), ".")
		}
	}
	if dataset == "" {
		return format
	}
	return dataset
}

// previousRows reads the rows per dataset of the sendash database at path,
// opened read-only (it is never changed). ok is false, with why, when there
// is no file there or it is not a sendash database this version can read.
func previousRows(ctx context.Context, path string) (rows map[string]int64, ok bool, why string) {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil, false, "no previous database"
	}
	st, err := store.Open(ctx, path, store.Options{ReadOnly: true, Threads: 1, MaxConns: 1})
	if err != nil {
		return nil, false, "the previous file is not a database sendash can read"
	}
	defer st.Close()
	q, err := st.DB.QueryContext(ctx, st.Q.Get("ingest.previous_rows"))
	if err != nil {
		return nil, false, "the previous file is not a sendash database"
	}
	defer q.Close()
	rows = map[string]int64{}
	for q.Next() {
		var format, dataset sql.NullString
		var n sql.NullInt64
		if err := q.Scan(&format, &dataset, &n); err != nil {
			return nil, false, "the previous database's source_file cannot be read"
		}
		rows[datasetKey(format.String, dataset.String)] += n.Int64
	}
	if q.Err() != nil {
		return nil, false, "the previous database's source_file cannot be read"
	}
	return rows, true, ""
}

// compareDatasets lists every dataset of the previous database and the new
// build with its rows in each, by name.
func compareDatasets(before map[string]int64, files []FileResult) []DatasetRows {
	after := map[string]int64{}
	for _, f := range files {
		after[datasetKey(f.Format, f.Dataset)] += f.Rows
	}
	byName := map[string]*DatasetRows{}
	for k, n := range before {
		byName[k] = &DatasetRows{Dataset: k, Before: n, InBefore: true}
	}
	for k, n := range after {
		if byName[k] == nil {
			byName[k] = &DatasetRows{Dataset: k}
		}
		byName[k].After = n
	}
	out := make([]DatasetRows, 0, len(byName))
	for _, d := range byName {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dataset < out[j].Dataset })
	return out
}

// checkShrink returns a ShrinkError naming every dataset the build loses
// or shrinks to under half its rows.
func checkShrink(target string, res *Result) error {
	var shrunk []DatasetRows
	for _, d := range res.Datasets {
		if d.Shrunk() {
			shrunk = append(shrunk, d)
		}
	}
	if len(shrunk) == 0 {
		return nil
	}
	return &ShrinkError{Target: target, Shrunk: shrunk}
}

// thousands prints n with thousands separators (641,070).
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
