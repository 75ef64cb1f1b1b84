// Command sendash loads England's published SEND statistics into DuckDB and
// serves them as an inclusion accountability dashboard. main only wires
// flags and environment to the packages that do the work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "sendash:", err)
		}
		os.Exit(1)
	}
}

// env is what every subcommand receives from main.
type env struct {
	getenv         func(string) string
	stdout, stderr io.Writer
}

// run dispatches a subcommand; with no arguments it serves the demo data.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return cmdServe(ctx, e, nil)
	}
	cmds := map[string]func(context.Context, env, []string) error{
		"ingest":    cmdIngest,
		"sql":       cmdSQL,
		"version":   cmdVersion,
		"serve":     cmdServe,
		"query":     cmdQuery,
		"fetch":     cmdFetch,
		"demo-data": cmdDemoData,
	}
	c, ok := cmds[args[0]]
	if !ok {
		if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			fmt.Fprint(stdout, usage)
			return nil
		}
		if len(args[0]) > 0 && args[0][0] == '-' {
			return cmdServe(ctx, e, args)
		}
		return fmt.Errorf("unknown command %q\n%s", args[0], usage)
	}
	// --help prints a command's flags (flag does, to stderr) and is not a failure
	if err := c(ctx, e, args[1:]); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}

const usage = `usage: sendash <command> [flags]

  serve      serve the dashboard (no flags: the embedded demo data)
  ingest     load a folder of published files into a database
  sql        run a read-only SQL query against a database
  query      print a named indicator or page query
  fetch      download the official releases into a folder
  demo-data  write the deterministic demo data set
  version    print the version
`

func cmdVersion(_ context.Context, e env, _ []string) error {
	_, err := fmt.Fprintln(e.stdout, "sendash", version)
	return err
}
