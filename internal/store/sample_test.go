package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/sendash/sendash/queries/bench"
)

// TestSample draws page keys from the demo database with the bench queries:
// every kind is found, and the same seed draws the same keys.
func TestSample(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	q := bench.MustLoad()
	a, err := st.Sample(ctx, q, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.URNs) != 5 || len(a.LACodes) == 0 || len(a.Indicators) == 0 || len(a.SearchTerms) == 0 {
		t.Fatalf("sample %+v", a)
	}
	b, err := st.Sample(ctx, q, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("seed 1 twice: %+v and %+v", a, b)
	}
}
