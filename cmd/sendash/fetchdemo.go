package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"github.com/sendash/sendash/internal/demo"
	"github.com/sendash/sendash/internal/fetch"
)

func cmdFetch(ctx context.Context, e env, args []string) error {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return fetch.Run(ctx, args, e.stdout, e.stderr, logger)
}

func cmdDemoData(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("demo-data", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("out", "data/demo", "folder to write the demo files into")
	scale := fs.Int("scale", 1, "1 = demo size; 10 = about national size (24,000 schools, 150 LAs, 10 years)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scale give the same bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files, err := demo.Generate(*out, demo.Options{Seed: *seed, Scale: *scale})
	if err != nil {
		return fmt.Errorf("demo-data: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %d files to %s\n", len(files), *out)
	return nil
}
