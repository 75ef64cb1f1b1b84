package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"golang.org/x/term"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/ingest"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/tabular"
)

func cmdIngest(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("data", "", "folder of published files (searched recursively)")
	db := fs.String("db", "sendash.duckdb", "database file to create or replace")
	mem := fs.String("memory-limit", "2GB", "DuckDB memory limit while loading")
	quiet := fs.Bool("quiet", false, "no progress or summary")
	verbose := fs.Bool("v", false, "log each SQL step and its time")
	allowShrink := fs.Bool("allow-shrink", false, "replace the database even if a dataset it has would be lost or keep under half its rows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("ingest: --data DIR is required")
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	_, err := ingestFolder(ctx, e, ingestOptions{dir: *dir, db: *db, mem: *mem, quiet: *quiet, level: level, allowShrink: *allowShrink})
	return err
}

// ingestOptions are an ingest's flags.
type ingestOptions struct {
	dir, db, mem string
	quiet        bool
	level        slog.Level
	allowShrink  bool
}

// ingestFolder runs an ingest with progress on stderr and the summary on stdout.
func ingestFolder(ctx context.Context, e env, o ingestOptions) (*ingest.Result, error) {
	cfg := ingest.Config{DataDir: o.dir, DBPath: o.db, MemoryLimit: o.mem, AllowShrink: o.allowShrink,
		Logger:  slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: o.level})),
		Extra:   []ingest.NamedReader{{Name: "la_changes.csv", Data: data.LAChanges}},
		TempDir: os.TempDir()}
	// What libraries write to the temporary folder while the files load
	// (excelize's worksheets of a large xlsx) goes to a folder named with
	// this process id, removed at the end, or by the next ingest if this
	// one is killed.
	run, err := ingest.RunTempDir(cfg.TempDir)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	defer os.RemoveAll(run)
	old, had := os.LookupEnv("TMPDIR")
	os.Setenv("TMPDIR", run)
	defer func() {
		if had {
			os.Setenv("TMPDIR", old)
		} else {
			os.Unsetenv("TMPDIR")
		}
	}()
	if !o.quiet {
		isTerm := false
		if f, ok := e.stderr.(*os.File); ok {
			isTerm = term.IsTerminal(int(f.Fd()))
		}
		cfg.Progress = &ingest.Progress{W: e.stderr, Terminal: isTerm}
	}
	res, err := ingest.Run(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w (the previous database, if any, is unchanged)", err)
	}
	if !o.quiet {
		ingest.WriteSummary(e.stdout, res)
	}
	return res, nil
}

func cmdSQL(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "sendash.duckdb", "database file")
	format := fs.String("format", "table", "output: table, csv or json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf(`sql: give one query, e.g. sendash sql --db FILE "SELECT * FROM la LIMIT 5"`)
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("sql: database %s: %w", *db, err)
	}
	st, err := store.Open(ctx, *db, store.Options{Sandbox: true})
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := st.QuerySQL(ctx, fs.Arg(0))
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	return tabular.Write(e.stdout, *format, t)
}
