package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestCompareSchoolsReadsSixInOrder checks the one-query read of a
// comparison: six profiles in the order asked, each the same as the
// school's own profile; none for none; an unknown URN is ErrNotFound; seven
// is refused.
func TestCompareSchoolsReadsSixInOrder(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	urns := []string{"900066", "900002", "900018", "900005", "900006", "900007"}
	got, err := st.CompareSchools(ctx, urns)
	if err != nil || len(got) != len(urns) {
		t.Fatalf("%d profiles, %v", len(got), err)
	}
	for i, u := range urns {
		one, err := st.SchoolProfile(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if got[i].School.URN != u || !reflect.DeepEqual(got[i], *one) {
			t.Errorf("profile %d is %s, or differs from SchoolProfile(%s)", i, got[i].School.URN, u)
		}
	}
	if none, err := st.CompareSchools(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("no schools: %v, %v", none, err)
	}
	if _, err := st.CompareSchools(ctx, []string{"900066", "999999"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown URN: %v", err)
	}
	if _, err := st.CompareSchools(ctx, append(urns, "900008")); err == nil {
		t.Error("seven schools read")
	}
}
