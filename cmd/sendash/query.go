package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/tabular"
)

const queryUsage = `query NAME: an indicator id (e.g. roll.ehcp, tribunal.rate, ehcp.timely)
or one of: indicators, flags, sources, similar (needs --school)`

func cmdQuery(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "sendash.duckdb", "database file")
	urn := fs.String("school", "", "school URN")
	la := fs.String("la", "", "LA code (3-digit or 9-character)")
	year := fs.String("year", "", "period, e.g. 2018/19 or 2023")
	format := fs.String("format", "table", "output: table, csv or json")
	// Accept flags after NAME as well as before it.
	name, rest := "", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, rest = args[0], args[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" {
		return fmt.Errorf("%s", queryUsage)
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("query: database %s: %w", *db, err)
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := runNamedQuery(ctx, st, name, nullable(*urn), nullable(*la), nullable(*year))
	if err != nil {
		return fmt.Errorf("query %s: %w", name, err)
	}
	if len(t.Rows) == 0 && name != "flags" {
		return fmt.Errorf("query %s: no rows (unknown indicator, school, LA or year?)\n%s", name, queryUsage)
	}
	return tabular.Write(e.stdout, *format, t)
}

func runNamedQuery(ctx context.Context, st *store.Store, name string, urn, la, year any) (*tabular.Table, error) {
	switch name {
	case "indicators":
		return st.QuerySQL(ctx, st.Q.Get("cli.indicators"))
	case "sources":
		return st.QuerySQL(ctx, st.Q.Get("cli.sources"))
	case "flags":
		code := urn
		if code == nil {
			code = la
		}
		return st.QuerySQL(ctx, st.Q.Get("cli.flags"), code, code)
	case "similar":
		if urn == nil {
			return nil, fmt.Errorf("similar needs --school URN")
		}
		return st.QuerySQL(ctx, st.Q.Get("cli.similar"), urn)
	}
	return st.QuerySQL(ctx, st.Q.Get("cli.figures"), name, name, urn, urn, la, la, la, year, year)
}

// nullable turns an unset flag into SQL NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
