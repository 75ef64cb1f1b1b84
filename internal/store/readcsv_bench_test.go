package store

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendash/sendash/queries/bench"
)

// BenchmarkRawReadCSV times DuckDB's own read_csv of every .csv file under
// $SENDASH_BENCH_CSV (one CREATE TABLE AS per file, in memory, the memory
// limit ingest uses): the yardstick scripts/bench.sh divides ingest time by.
// Files read_csv cannot parse even leniently are skipped and counted.
func BenchmarkRawReadCSV(b *testing.B) {
	dir := os.Getenv("SENDASH_BENCH_CSV")
	if dir == "" {
		b.Skip("SENDASH_BENCH_CSV is not set")
	}
	var files []string
	var size int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".csv") {
			files = append(files, p)
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return err
	})
	if err != nil || len(files) == 0 {
		b.Fatalf("no CSV files under %s (%v)", dir, err)
	}
	ctx := context.Background()
	st, err := Open(ctx, "", Options{MemoryLimit: "2GB"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q := bench.MustLoad()
	skipped := 0
	for b.Loop() {
		skipped = 0
		for _, f := range files {
			if _, err := st.DB.ExecContext(ctx, q.Get("bench.read_csv"), f); err != nil {
				b.Logf("skipped %s: %v", f, err)
				skipped++
			}
			if _, err := st.DB.ExecContext(ctx, q.Get("bench.read_csv_drop")); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files)-skipped), "files")
	b.ReportMetric(float64(skipped), "skipped")
	b.ReportMetric(float64(size)/1e6, "MB")
}
