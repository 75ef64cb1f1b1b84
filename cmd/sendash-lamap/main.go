// Command sendash-lamap makes the England LA map that sendash's pages draw
// (static/geo/england-la-2024.json) from the ONS boundaries file:
//
//	go run ./cmd/sendash-lamap /work/shared/data/la-boundaries/Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC.geojson
//
// It writes to boundaries.Output, relative to the current directory (run it
// from the repository root), or to -o. See internal/boundaries for what it
// keeps, and static/geo/README.md for the source and its licence. The
// result is committed; TestShippedMapMatchesSource checks it is up to date.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sendash/sendash/internal/boundaries"
)

func main() {
	out := flag.String("o", boundaries.Output, "file to write")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: sendash-lamap [-o FILE] ONS-BOUNDARIES.geojson\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	src, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendash-lamap:", err)
		os.Exit(1)
	}
	b, err := boundaries.England(src)
	if err == nil {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendash-lamap:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d bytes\n", *out, len(b))
}
