package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sendash/sendash/internal/loadtest"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/queries/bench"
)

// labelled is one run's request list and the label it is reported under.
type labelled struct {
	label   string
	targets []loadtest.Target
}

// targets builds the runs: the URL list as one run, or one run per page kind
// over keys sampled from the database.
func targets(ctx context.Context, o *options) ([]labelled, error) {
	if o.urls != "" {
		f, err := os.Open(o.urls)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		t, err := loadtest.ReadTargets(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.urls, err)
		}
		return []labelled{{label: strings.TrimSuffix(filepath.Base(o.urls), filepath.Ext(o.urls)), targets: t}}, nil
	}
	keys, err := sample(ctx, o.db, o.n, o.seed)
	if err != nil {
		return nil, err
	}
	var out []labelled
	for _, p := range strings.Split(o.pages, ",") {
		p = strings.TrimSpace(p)
		t, err := loadtest.Mix(keys, p)
		if err != nil {
			return nil, err
		}
		out = append(out, labelled{label: p, targets: t})
	}
	return out, nil
}

// sample opens the database read-only (beside the server, which also opens
// it read-only), picks the keys and closes it again before the load starts.
func sample(ctx context.Context, db string, n int, seed int64) (loadtest.Keys, error) {
	if _, err := os.Stat(db); err != nil {
		return loadtest.Keys{}, fmt.Errorf("-db: %w", err)
	}
	st, err := store.Open(ctx, db, store.Options{ReadOnly: true, Threads: 1, MemoryLimit: "256MB"})
	if err != nil {
		return loadtest.Keys{}, err
	}
	defer st.Close()
	s, err := st.Sample(ctx, bench.MustLoad(), n, seed)
	if err != nil {
		return loadtest.Keys{}, fmt.Errorf("sample %s: %w", db, err)
	}
	return loadtest.Keys{URNs: s.URNs, LACodes: s.LACodes, Indicators: s.Indicators,
		SearchTerms: s.SearchTerms}, nil
}

// list prints each run's paths after a "# label" line (ReadTargets skips
// such lines), for -urls or for another load tool such as wrk.
func list(w io.Writer, runs []labelled) error {
	bw := bufio.NewWriter(w)
	for _, r := range runs {
		fmt.Fprintf(bw, "# %s\n", r.label)
		for _, t := range r.targets {
			fmt.Fprintln(bw, t.Path)
		}
	}
	return bw.Flush()
}

// report writes the table, the JSON if asked, and fails on any failed
// request (5xx, 429 or transport error) or, at a fixed rate, any request
// that missed its slot because every client was busy (the server fell
// behind), then on any missed budget.
func report(stdout io.Writer, jsonOut string, results []*loadtest.Result) error {
	if err := loadtest.WriteTable(stdout, results); err != nil {
		return err
	}
	if jsonOut != "" {
		b, err := json.MarshalIndent(results, "", "  ")
		if err != nil {
			return err
		}
		b = append(b, '\n')
		if jsonOut == "-" {
			_, err = stdout.Write(b)
		} else {
			err = os.WriteFile(jsonOut, b, 0o644)
		}
		if err != nil {
			return err
		}
	}
	over := false
	for _, r := range results {
		if r.Total.Failed() {
			return fmt.Errorf("%s at %d clients: failed requests (%s)", r.Label, r.Clients, statusList(r.Total))
		}
		if r.Missed > 0 {
			return fmt.Errorf("%s at %d clients: %d requests missed their slot: the server fell behind", r.Label, r.Clients, r.Missed)
		}
		over = over || len(r.Failures) > 0
	}
	if over {
		return errOverBudget
	}
	return nil
}

func statusList(s loadtest.Stats) string {
	var parts []string
	for k, n := range s.Status {
		if loadtest.FailStatus(k) {
			parts = append(parts, fmt.Sprintf("%s: %d", k, n))
		}
	}
	return strings.Join(parts, ", ")
}
