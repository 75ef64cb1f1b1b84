package fetch

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sendash/sendash/data"
)

// DefaultDest is where `sendash fetch` downloads to without --dest.
const DefaultDest = "sendash-data"

// Run is `sendash fetch`: it downloads the official sources in the embedded
// manifest (data/sources.json) into --dest, or with --list prints them.
// Progress goes to stderr, the summary and the list to stdout.
//
//	sendash fetch [--dest DIR] [--only NAME[,NAME]]... [--list]
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	return run(ctx, args, stdout, stderr, Config{Logger: logger})
}

// run is Run with a base Config, so tests can supply a client and rewrite.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, base Config) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dest := fs.String("dest", DefaultDest, "folder to download into")
	var only nameList
	fs.Var(&only, "only", "fetch only these sources (repeatable, or a comma list)")
	list := fs.Bool("list", false, "print the sources and exit")
	retries := fs.Int("retries", 4, "times to retry a failed download")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("fetch: unexpected argument %q", fs.Arg(0))
	}
	sources, err := LoadManifest(data.SourcesJSON())
	if err != nil {
		return err
	}
	if *list {
		chosen, err := Select(sources, only)
		if err != nil {
			return err
		}
		return printList(stdout, chosen)
	}
	cfg := base
	cfg.Dest, cfg.Sources, cfg.Only = *dest, sources, only
	cfg.MaxRetries = *retries
	if *retries <= 0 {
		cfg.MaxRetries = -1 // Config treats 0 as "default"
	}
	cfg.Progress, cfg.Terminal = stderr, isTerminal(stderr)
	rep, err := Fetch(ctx, cfg)
	printSummary(stdout, *dest, rep)
	return err
}

// nameList is a flag that may be repeated and takes comma lists.
type nameList []string

func (l *nameList) String() string { return strings.Join(*l, ",") }

func (l *nameList) Set(v string) error {
	for n := range strings.SplitSeq(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*l = append(*l, n)
		}
	}
	if len(*l) == 0 {
		return errors.New("needs a source name")
	}
	return nil
}

// printList writes the manifest as a table.
func printList(w io.Writer, sources []Source) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFORMAT\tZIP\tPUBLISHER\tTITLE\tURL")
	for _, s := range sources {
		zip := "no"
		if s.Zip {
			zip = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.label(), zip, s.Publisher, s.Title, s.URL)
	}
	return tw.Flush()
}

// printSummary writes one line per source fetched.
func printSummary(w io.Writer, dest string, rep Report) {
	if len(rep.Results) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSTATUS\tSIZE\tSHA256\tTIME")
	for _, r := range rep.Results {
		sum := r.SHA256
		if len(sum) > 12 {
			sum = sum[:12]
		}
		took := (time.Duration(r.Seconds * float64(time.Second))).Round(time.Millisecond)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Source, r.Status, humanBytes(r.Bytes), sum, took)
	}
	tw.Flush()
	fmt.Fprintf(w, "fetch log: %s\n", filepath.Join(dest, LogName))
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
