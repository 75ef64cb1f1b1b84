package store_test

import (
	"context"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// TestExclusionFlagsDemo checks the school exclusion rules on the demo data:
// each fires for at least one school (the planted excluding school, URN
// 920076, for the permanent exclusion rule) and cannot be judged for at
// least one; no rule both fires and is not judged for one area; and no
// exclusion figure is written twice.
func TestExclusionFlagsDemo(t *testing.T) {
	st, err := store.Open(context.Background(), testdb.Demo(t), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db := st.DB
	for _, rule := range []string{"school.suspension_top_tenth", "school.permanent_above_la"} {
		n := laRows(t, db, `SELECT (SELECT count(*) FROM flag WHERE rule_id = ?), (SELECT count(*) FROM flag_unjudged WHERE rule_id = ?)`, rule, rule)
		if n[0][0] == "0" || n[0][1] == "0" {
			t.Errorf("%s: fired %s, not judged %s: want some of each", rule, n[0][0], n[0][1])
		}
	}
	got := laJoin(laRows(t, db, `SELECT periods FROM flag WHERE rule_id = 'school.permanent_above_la' AND code = '920076'`))
	if got != "  2023/24, 2024/25\n" {
		t.Errorf("planted excluding school 920076: flag years %q, want 2023/24, 2024/25", got)
	}
	if both := laRows(t, db, `SELECT f.rule_id, f.code FROM flag f JOIN flag_unjudged u USING (rule_id, level, code) LIMIT 5`); len(both) > 0 {
		t.Errorf("rules both fired and not judged:\n%s", laJoin(both))
	}
	if dup := laRows(t, db, `SELECT indicator, level, code, period, grp, count(*) FROM figure
		WHERE indicator LIKE 'excl.%' GROUP BY ALL HAVING count(*) > 1 LIMIT 5`); len(dup) > 0 {
		t.Errorf("exclusion figures written twice:\n%s", laJoin(dup))
	}
}
