package bench_test

import (
	"slices"
	"testing"

	"github.com/sendash/sendash/queries"
	"github.com/sendash/sendash/queries/bench"
)

// TestBenchLoad checks that the bench queries parse here and only here: the
// set the sendash binary embeds has none of them.
func TestBenchLoad(t *testing.T) {
	want := []string{"bench.indicators", "bench.las", "bench.read_csv", "bench.read_csv_drop",
		"bench.schools", "bench.search_terms"}
	if got := bench.MustLoad().Names(); !slices.Equal(got, want) {
		t.Errorf("bench queries %v, want %v", got, want)
	}
	main := queries.MustLoad()
	if got := main.WithPrefix("bench."); len(got) > 0 {
		t.Errorf("the embedded set holds %v", got)
	}
	if !main.Has("meta.build_id") {
		t.Error("the embedded set lacks meta.build_id")
	}
}
