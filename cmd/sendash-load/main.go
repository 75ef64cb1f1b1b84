// Command sendash-load measures a running sendash server: it sends page
// requests from C concurrent clients (or at a fixed rate) for a while and
// reports latency percentiles, throughput and status counts per page kind,
// as a table and as JSON. The page mix is a URL list, or is sampled from the
// database the server serves. scripts/soak.sh runs it at a fixed rate for ten
// minutes with -every and -max-rss-growth, to follow the server's memory
// through a long run.
//
//	sendash-load -base http://127.0.0.1:8080 -db nat.duckdb -clients 1,8,32
//	sendash-load -base http://127.0.0.1:8080 -urls pages.txt -rate 50 -duration 10m \
//	    -pid 1234 -every 10s -max-rss-growth 0.5
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sendash/sendash/internal/loadtest"
)

// Exit statuses: 1 for errors, failed requests (5xx, 429, transport errors)
// and requests that missed their slot at a fixed rate; 3 when every request
// succeeded but a budget or -max-rss-growth was missed.
var errOverBudget = errors.New("over budget")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case errors.Is(err, errOverBudget):
		fmt.Fprintln(os.Stderr, "sendash-load:", err)
		os.Exit(3)
	default:
		fmt.Fprintln(os.Stderr, "sendash-load:", err)
		os.Exit(1)
	}
}

// options are the parsed flags.
type options struct {
	base, urls, db, pages, clients, jsonOut, budgets string
	duration, warmup, timeout, wait, every           time.Duration
	rate, maxGrowth                                  float64
	prefill, list                                    bool
	n, pid                                           int
	seed                                             int64
}

func parse(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("sendash-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.base, "base", "http://127.0.0.1:8080", "server root URL")
	fs.StringVar(&o.urls, "urls", "", "file of paths to request, one a line (instead of -db)")
	fs.StringVar(&o.db, "db", "", "database the server serves: sample schools, LAs, indicators and search terms from it")
	fs.StringVar(&o.pages, "pages", strings.Join(loadtest.Pages, ","), "with -db: page kinds to run one at a time ("+strings.Join(loadtest.Pages, ", ")+", mix)")
	fs.StringVar(&o.clients, "clients", "8", "concurrent clients; a list (1,8,32) runs each in turn")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measured time of each run")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured time before each run")
	fs.BoolVar(&o.prefill, "prefill", false, "request every page once before each run (measure a warm page cache)")
	fs.Float64Var(&o.rate, "rate", 0, "requests a second in total on a fixed schedule (0: as fast as the clients go)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request time limit")
	fs.DurationVar(&o.wait, "wait", 30*time.Second, "wait this long for the server's /healthz before starting")
	fs.IntVar(&o.n, "n", 200, "with -db: how many schools, LAs and search terms to sample")
	fs.Int64Var(&o.seed, "seed", 1, "with -db: sample seed (the same seed requests the same pages)")
	fs.IntVar(&o.pid, "pid", 0, "server process id: report its CPU time per request and resident memory")
	fs.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file (- for stdout)")
	fs.BoolVar(&o.list, "list", false, "print each run's paths (one a line, after a '# label' line) and exit: input for -urls or another load tool")
	fs.StringVar(&o.budgets, "budget", "", "limits, e.g. school:p95=25ms,search:p95=15ms,mix:rps=400 (exit 3 if missed)")
	fs.DurationVar(&o.every, "every", 0, "print the requests, failures and (with -pid) server memory so far every so often during each run, to stderr (0: never)")
	fs.Float64Var(&o.maxGrowth, "max-rss-growth", 0, "with -pid and -every: exit 3 if the server's memory at the end of a run is more than this fraction above it after the first minute (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if (o.urls == "") == (o.db == "") {
		return nil, errors.New("give one of -urls FILE or -db FILE")
	}
	if o.maxGrowth > 0 && (o.pid == 0 || o.every <= 0) {
		return nil, errors.New("-max-rss-growth needs -pid and -every")
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stderr)
	if err != nil {
		return err
	}
	clients, err := intList(o.clients)
	if err != nil {
		return fmt.Errorf("-clients: %w", err)
	}
	budgets, err := loadtest.ParseBudgets(o.budgets)
	if err != nil {
		return err
	}
	runs, err := targets(ctx, o)
	if err != nil {
		return err
	}
	if o.list {
		return list(stdout, runs)
	}
	if err := loadtest.WaitHealthy(ctx, o.base, o.wait); err != nil {
		return err
	}
	var results []*loadtest.Result
	for _, c := range clients {
		for _, r := range runs {
			res, err := runOne(ctx, o, r, c, stderr)
			if err != nil {
				return err
			}
			loadtest.Check(res, budgets)
			if o.maxGrowth > 0 {
				loadtest.CheckGrowth(res, o.maxGrowth)
			}
			results = append(results, res)
		}
	}
	return report(stdout, o.jsonOut, results)
}

// runOne runs one request list at one client count, and reads the server's
// memory after it when its process id is known.
func runOne(ctx context.Context, o *options, r labelled, clients int, stderr io.Writer) (*loadtest.Result, error) {
	res, err := loadtest.Run(ctx, loadtest.Config{Base: o.base, Targets: r.targets, Clients: clients,
		Duration: o.duration, Warmup: o.warmup, Rate: o.rate, Timeout: o.timeout, PID: o.pid, Prefill: o.prefill,
		Every: o.every, Progress: progress(stderr, r.label, clients)})
	if err != nil {
		return nil, err
	}
	res.Label = r.label
	if o.pid > 0 {
		if res.Memory, err = loadtest.ReadMemory(o.pid); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// progress prints one line for each timeline Point of a run.
func progress(w io.Writer, label string, clients int) func(loadtest.Point) {
	return func(p loadtest.Point) {
		mem := ""
		if p.RSSKB > 0 {
			mem = fmt.Sprintf(", server RSS %d kB", p.RSSKB)
		}
		fmt.Fprintf(w, "%s at %d clients: t=%.0fs %d requests, %d failed%s\n",
			label, clients, p.Seconds, p.Requests, p.Failed, mem)
	}
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}
