package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress reports files and rows as they load: a redrawn bar on a
// terminal, one plain line per file otherwise.
type Progress struct {
	W        io.Writer
	Terminal bool
	total    int
	done     int
	rows     int64
	started  time.Time
}

func (p *Progress) start(total int) {
	if p == nil {
		return
	}
	p.total, p.started = total, time.Now()
}

func (p *Progress) fileDone(fr FileResult) {
	if p == nil {
		return
	}
	p.done++
	p.rows += fr.Rows
	if !p.Terminal {
		fmt.Fprintf(p.W, "ingest: [%d/%d] %s: %s, %d rows\n", p.done, p.total, fr.Path, fr.Format, fr.Rows)
		return
	}
	const width = 30
	filled := width * p.done / max(p.total, 1)
	fmt.Fprintf(p.W, "\r[%s%s] %d/%d files, %d rows, %s   ", strings.Repeat("#", filled),
		strings.Repeat(" ", width-filled), p.done, p.total, p.rows, time.Since(p.started).Round(100*time.Millisecond))
}

func (p *Progress) finish() {
	if p != nil && p.Terminal {
		fmt.Fprintln(p.W)
	}
}

// WriteSummary prints the end-of-ingest table: each file's format, rows,
// years and warnings, then the files that were not loaded and why.
func WriteSummary(w io.Writer, r *Result) {
	fmt.Fprintf(w, "%-70s %-16s %-24s %10s  %s\n", "FILE", "FORMAT", "DATASET", "ROWS", "YEARS")
	var total int64
	for _, f := range r.Files {
		total += f.Rows
		fmt.Fprintf(w, "%-70s %-16s %-24s %10d  %s\n", shorten(f.Path, 70), f.Format, f.Dataset, f.Rows, f.Years)
		for _, warn := range f.Warnings {
			fmt.Fprintf(w, "    warning: %s\n", warn)
		}
	}
	fmt.Fprintf(w, "%d files loaded, %d rows, in %s\n", len(r.Files), total, r.Elapsed.Round(time.Millisecond))
	pl := r.Places
	fmt.Fprintf(w, "places: %d postcodes (%d with a place); schools placed %d (%d by postcode, %d by GIAS grid point), not placed %d\n",
		pl.Postcodes, pl.PostcodesPlaced, pl.ByPostcode+pl.ByGrid, pl.ByPostcode, pl.ByGrid, pl.Unplaced)
	for _, f := range r.NotLoaded {
		fmt.Fprintf(w, "not loaded: %s: %s\n", f.Path, f.Reason)
	}
	writeDatasets(w, r)
	for _, t := range r.Tidied {
		fmt.Fprintf(w, "tidied: %s\n", t)
	}
}

// writeDatasets prints each dataset's rows in the database replaced and in
// this build, marking the ones that shrank to under half (only a build run
// with AllowShrink gets this far with one).
func writeDatasets(w io.Writer, r *Result) {
	if r.Previous != "" {
		fmt.Fprintf(w, "%-32s %12s %12s  (%s)\n", "DATASET", "ROWS BEFORE", "ROWS NOW", r.Previous)
	} else {
		fmt.Fprintf(w, "%-32s %12s %12s\n", "DATASET", "ROWS BEFORE", "ROWS NOW")
	}
	for _, d := range r.Datasets {
		before, note := "-", ""
		if d.InBefore {
			before = thousands(d.Before)
		}
		if d.Shrunk() {
			note = "  fewer than half (allowed by --allow-shrink)"
		}
		fmt.Fprintf(w, "%-32s %12s %12s%s\n", d.Dataset, before, thousands(d.After), note)
	}
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n+3:]
}
