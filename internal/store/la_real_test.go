// External test package: ingest imports store, so package store cannot import ingest.
package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// laRealFiles are the published files the LA indicator checks read; when
// SENDASH_REAL_DATA is set, a missing one fails the test rather than skipping.
var laRealFiles = []string{
	"tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv",
	"tribunal-send-la/SEND_Appeal_Rate_Table_2022.ods",
	"ehcp-la/release-2025/timeliness_20_week.csv",
	"ehcp-la/release-2025/caseload.csv",
	"ehcp-la/release-2022/sen2_mi.csv",
	"lait-la-indicators/bds_long_0.parquet",
	"exclusions-la-characteristics/exclusions_by_characteristic_national_2011-12_to_2016-17.csv",
	"ks4-sen/ks4_la_characteristics_2018-19_revised_incl_sen.csv",
}

// laTestDB opens the shared real-data database (built once per test binary
// by testdb) read-only; it skips unless SENDASH_REAL_DATA names the data folder.
func laTestDB(t *testing.T) *sql.DB {
	t.Helper()
	path := testdb.Real(t, laRealFiles...)
	st, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st.DB
}

// laRows runs a query and returns its rows as strings, for short listings.
func laRows(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func laJoin(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("  " + strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

// TestLATribunalRecomputed checks every LA appeal rate we compute from
// appeals / decisions against the rate the source prints (to 1 dp), and the
// England sum of LA counts against the printed England total.
func TestLATribunalRecomputed(t *testing.T) {
	db := laTestDB(t)
	got := laRows(t, db, `SELECT count(*), count(*) FILTER (WHERE abs(round(value, 1) - round(published, 1)) > 0.051)
		FROM figure WHERE indicator = 'tribunal.rate' AND level = 'la' AND status = 'ok' AND numerator IS NOT NULL`)
	t.Logf("tribunal.rate LA-years recomputed: %s, differing from published: %s", got[0][0], got[0][1])
	if got[0][0] == "0" || got[0][1] != "0" {
		t.Errorf("LA appeal rates: %v compared/differing\n%s", got[0], laJoin(laRows(t, db, `SELECT code, name, period,
			numerator, denominator, value, published FROM figure WHERE indicator = 'tribunal.rate' AND level = 'la'
			AND status = 'ok' AND abs(round(value, 1) - round(published, 1)) > 0.051 LIMIT 20`)))
	}
	t.Logf("tribunal.rate LA rows without a rate:\n%s", laJoin(laRows(t, db, `SELECT status, reason, count(*),
		string_agg(DISTINCT name, '; ') FROM figure WHERE indicator = 'tribunal.rate' AND level = 'la'
		AND (status <> 'ok' OR numerator IS NULL) GROUP BY ALL ORDER BY ALL`)))
	durham := laRows(t, db, `SELECT numerator, denominator, round(value, 2), published FROM figure
		WHERE indicator = 'tribunal.rate' AND level = 'la' AND code = '840' AND period = '2023'`)
	if len(durham) != 1 || durham[0][0] != "211" || durham[0][1] != "4833" || durham[0][3] != "4.4" {
		t.Errorf("Durham 2023 = %v, want 211 / 4833 / 4.4", durham)
	}
	// England: our sum of LA counts against the printed England Total row.
	eng := laRows(t, db, `SELECT f.period, f.numerator, f.denominator, round(f.value, 2), f.published, p.appeals, p.decisions
		FROM figure f JOIN (SELECT period, max(value) FILTER (WHERE measure = 'appeals') AS appeals,
			max(value) FILTER (WHERE measure = 'decisions') AS decisions
			FROM tribunal_appeal_rate t JOIN source_file s USING (source_id)
			WHERE t.level = 'National' AND s.path ILIKE '%.csv' GROUP BY 1) p ON p.period = f.period
		WHERE f.indicator = 'tribunal.rate' AND f.level = 'england' ORDER BY 1`)
	// Known exception: in 2021 the CSV prints 85 appeals for Northamptonshire but no
	// decisions (the LA was split that April), so no LA rate exists; the England total includes them.
	exceptions := map[string]string{"2021": "Northamptonshire: 85 appeals printed with decisions '..' (split April 2021)"}
	matched := 0
	for _, r := range eng {
		if r[1] == r[5] && r[2] == r[6] {
			matched++
			continue
		}
		if why, ok := exceptions[r[0]]; ok {
			t.Logf("England %s: our %s/%s vs printed %s/%s: exception: %s", r[0], r[1], r[2], r[5], r[6], why)
			continue
		}
		t.Errorf("England %s: our %s/%s vs printed %s/%s", r[0], r[1], r[2], r[5], r[6])
	}
	t.Logf("tribunal.rate England years matching the printed totals: %d of %d\n%s", matched, len(eng), laJoin(eng))
	if e := laRows(t, db, `SELECT numerator, denominator, round(value, 2), published FROM figure
		WHERE indicator = 'tribunal.rate' AND level = 'england' AND period = '2022'`); len(e) != 1 ||
		e[0][0] != "12796" || e[0][1] != "549887" || e[0][2] != "2.33" || e[0][3] != "2.3" {
		t.Errorf("England 2022 = %v, want 12796 / 549887 / 2.33 (printed 2.3)", e)
	}
}

// TestLATimelinessRecomputed checks LA 20-week timeliness computed from counts
// against the percentage printed in the same file, for both groups.
func TestLATimelinessRecomputed(t *testing.T) {
	db := laTestDB(t)
	rows := laRows(t, db, `SELECT grp, count(*), count(*) FILTER (WHERE abs(round(value, 1) - published) > 0.051)
		FROM figure WHERE indicator = 'ehcp.timely' AND level = 'la' AND status = 'ok' GROUP BY 1 ORDER BY 1`)
	for _, r := range rows {
		t.Logf("ehcp.timely %s: %s LA-years recomputed, %s differ from published", r[0], r[1], r[2])
		if r[2] != "0" {
			t.Errorf("ehcp.timely %s: %s differ\n%s", r[0], r[2], laJoin(laRows(t, db, `SELECT code, period, numerator,
				denominator, value, published FROM figure WHERE indicator = 'ehcp.timely' AND grp = ? AND level = 'la'
				AND status = 'ok' AND abs(round(value, 1) - published) > 0.051 LIMIT 20`, r[0])))
		}
	}
	if len(rows) != 2 {
		t.Errorf("want both exception groups, got %v", rows)
	}
	eng := laRows(t, db, `SELECT period, grp, round(value, 1), published FROM figure WHERE indicator = 'ehcp.timely'
		AND level = 'england' AND round(value, 1) <> published ORDER BY 1, 2`)
	t.Logf("ehcp.timely England sums differing from the printed England %% (LAs suppressed in the source are missing from our sum):\n%s", laJoin(eng))
	if e := laRows(t, db, `SELECT numerator, denominator FROM figure WHERE indicator = 'ehcp.timely'
		AND level = 'england' AND period = '2024' AND grp = 'excl_exceptions'`); len(e) != 1 || e[0][0] != "39407" || e[0][1] != "84866" {
		t.Errorf("England 2024 excl. exceptions = %v, want 39407 / 84866", e)
	}
}

// TestLAAgainstLAIT compares our LA figures with LAIT's copy of the same
// indicator (appeal rate, 20-week timeliness) to 1 dp and lists exceptions.
func TestLAAgainstLAIT(t *testing.T) {
	db := laTestDB(t)
	pairs := []struct{ lait, indicator, grp string }{
		{"SEN_AppealableDec", "tribunal.rate", "all"},
		{"SEN_EHC_All_20wks", "ehcp.timely", "incl_exceptions"},
		{"SEN_EHC_Excpt_20wks", "ehcp.timely", "excl_exceptions"},
	}
	for _, p := range pairs {
		q := `WITH j AS (
			SELECT f.code, f.name, f.period, round(f.value, 1) AS ours, f.published, round(l.value, 1) AS lait
			FROM figure f JOIN lait_value l ON l.indicator = ? AND l.level = 'Local authority'
			  AND l.la_old_code = f.code AND l.period = f.period AND l.value IS NOT NULL
			WHERE f.indicator = ? AND f.grp = ? AND f.level = 'la' AND f.value IS NOT NULL)
			SELECT count(*), count(*) FILTER (WHERE ours = lait), count(*) FILTER (WHERE ours <> lait AND published = lait)
			FROM j`
		r := laRows(t, db, q, p.lait, p.indicator, p.grp)[0]
		t.Logf("%s vs LAIT %s: %s compared, %s equal to 1 dp, %s differ only by rounding of a .x5 (LAIT = the printed figure)",
			p.indicator+"/"+p.grp, p.lait, r[0], r[1], r[2])
		diff := laRows(t, db, `WITH j AS (
			SELECT f.code, f.name, f.period, round(f.value, 2) AS ours, f.published, l.value AS lait
			FROM figure f JOIN lait_value l ON l.indicator = ? AND l.level = 'Local authority'
			  AND l.la_old_code = f.code AND l.period = f.period AND l.value IS NOT NULL
			WHERE f.indicator = ? AND f.grp = ? AND f.level = 'la' AND f.value IS NOT NULL)
			SELECT * FROM j WHERE round(ours, 1) <> round(lait, 1) AND published IS DISTINCT FROM round(lait, 1)
			ORDER BY period, code`, p.lait, p.indicator, p.grp)
		if len(diff) > 0 {
			t.Logf("exceptions (ours vs LAIT differ and LAIT is not the source's printed figure):\n%s", laJoin(diff))
		}
		if r[0] == "0" {
			t.Errorf("%s: nothing compared with LAIT", p.lait)
		}
		if len(diff) > laLAITExceptions[p.lait] {
			t.Errorf("%s: %d unexplained differences from LAIT, want at most %d", p.lait, len(diff), laLAITExceptions[p.lait])
		}
	}
}

// laLAITExceptions is how many LA-years may differ from LAIT beyond the
// source's own rounding; each is listed in the test log with its values.
var laLAITExceptions = map[string]int{"SEN_AppealableDec": 0, "SEN_EHC_All_20wks": 0, "SEN_EHC_Excpt_20wks": 0}

// TestLAFlags checks the flag rules exist and logs the flags raised on the real data.
func TestLAFlags(t *testing.T) {
	db := laTestDB(t)
	rules := laRows(t, db, `SELECT id, threshold, window_years, min_years FROM flag_rule WHERE level = 'la' ORDER BY 1`)
	if len(rules) != 3 {
		t.Fatalf("flag rules: %v", rules)
	}
	t.Logf("flags raised:\n%s", laJoin(laRows(t, db, `SELECT rule_id, count(*) FROM flag GROUP BY 1 ORDER BY 1`)))
	bad := laRows(t, db, `SELECT count(*) FROM figure WHERE level = 'la' AND rank IS NOT NULL AND (quartile NOT BETWEEN 1 AND 4 OR rank > rank_of)`)
	if bad[0][0] != "0" {
		t.Errorf("%s figures with an impossible rank or quartile", bad[0][0])
	}
	checkNoQuartileWithoutRank(t, db)
}

// checkNoQuartileWithoutRank: a figure with no value is unranked, so it has
// no quartile either (DuckDB's least() once gave such rows quartile 4, and
// the league table printed "4 (lowest)" beside "not published").
func checkNoQuartileWithoutRank(t *testing.T, db *sql.DB) {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM figure WHERE quartile IS NOT NULL AND rank IS NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d figures have a quartile but no rank", n)
	}
}
