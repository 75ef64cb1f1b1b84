package demo

import (
	"fmt"
	"os"
	"testing"
)

// TestWriteDemoData regenerates a data set when SENDASH_DEMO_OUT names a
// folder, e.g. SENDASH_DEMO_OUT=../../data/demo go test -run TestWriteDemoData
// (SENDASH_DEMO_SCALE picks the scale, default 1). It is skipped otherwise.
func TestWriteDemoData(t *testing.T) {
	dir := os.Getenv("SENDASH_DEMO_OUT")
	if dir == "" {
		t.Skip("SENDASH_DEMO_OUT not set")
	}
	scale := 1
	if s := os.Getenv("SENDASH_DEMO_SCALE"); s != "" {
		if _, err := fmt.Sscan(s, &scale); err != nil {
			t.Fatalf("SENDASH_DEMO_SCALE: %v", err)
		}
	}
	files, err := Generate(dir, Options{Seed: 1, Scale: scale})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d files to %s", len(files), dir)
}
