package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoDataIngestsCleanly: the committed demo set (written by the
// generator in the published formats) loads through the same ingest with no
// warnings, every data file recognised, and the indicator layer populated.
func TestDemoDataIngestsCleanly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.duckdb")
	res, err := ingestDir(t, "../../data/demo", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if len(f.Warnings) > 0 {
			t.Errorf("%s: warnings %v", f.Path, f.Warnings)
		}
	}
	for _, f := range res.NotLoaded {
		if !strings.HasSuffix(f.Path, "README.md") {
			t.Errorf("demo file not loaded: %s: %s", f.Path, f.Reason)
		}
	}
	conn := openRO(t, db)
	checkFiguresInCatalogue(t, conn)
	for _, c := range []struct {
		name, q string
		min     float64
	}{
		{"school figures", `SELECT count(*) FROM figure WHERE level = 'school'`, 1000},
		{"LA figures", `SELECT count(*) FROM figure WHERE level = 'la'`, 100},
		{"flag rules that fired", `SELECT count(DISTINCT rule_id) FROM flag`, 4},
		{"merged LA abolished", `SELECT count(*) FROM la WHERE status = 'abolished'`, 2},
		{"demo postcodes with a place (one a school, 12 homes a LA)", `SELECT count(lat) FROM postcode WHERE postcode LIKE 'Q%'`, 599 + 12*12},
	} {
		if got := num(t, conn, c.q); got < c.min {
			t.Errorf("%s: %v, want at least %v", c.name, got, c.min)
		}
	}
	// LAIT names regions without codes; figure files them under the EES
	// region codes, one name per code.
	for _, c := range []struct{ name, q string }{
		{"region figures not under a region code", `SELECT count(*) FROM figure WHERE level = 'region' AND code NOT IN (SELECT region_code FROM ees_row WHERE region_code IS NOT NULL)`},
		{"region codes with two names", `SELECT count(*) FROM (SELECT code FROM figure WHERE level = 'region' GROUP BY code HAVING count(DISTINCT name) > 1)`},
	} {
		if got := num(t, conn, c.q); got != 0 {
			t.Errorf("%s: %v, want 0", c.name, got)
		}
	}
	// The similar schools are each school's exact 30 nearest: the same
	// z-scores as derive.school.similar, every pair compared, ties by URN.
	// (The SQL search it replaced missed 9,615 of 14,220 such rows on the
	// national demo set.)
	if got := num(t, conn, bruteSimilar); got != 0 {
		t.Errorf("similar_school rows that differ from comparing every pair: %v", got)
	}
	if got := num(t, conn, `SELECT count(*) FROM similar_school`); got < 1000 {
		t.Errorf("similar_school rows: %v, want at least 1000", got)
	}
}

// bruteSimilar counts the rows of similar_school and of a brute-force
// nearest-30 search that are not in both.
const bruteSimilar = `WITH latest AS (
  SELECT urn, sd_census_phase(school_type) AS grp,
    ln(1 + nor) AS lnor, fsm_ever_pct_pub AS fsm
  FROM school_census WHERE urn IS NOT NULL AND nor IS NOT NULL AND nor_marker IS NULL
  QUALIFY row_number() OVER (PARTITION BY urn ORDER BY sd_year_start(period) DESC, source_id DESC) = 1
), z AS MATERIALIZED (
  SELECT urn, grp, round(coalesce((lnor - avg(lnor) OVER g) / nullif(stddev_pop(lnor) OVER g, 0), 0), 9) AS zn,
    round(coalesce((fsm - avg(fsm) OVER g) / nullif(stddev_pop(fsm) OVER g, 0), 0), 9) AS zf
  FROM latest WINDOW g AS (PARTITION BY grp)
),
brute AS (
  SELECT a.urn, b.urn AS similar_urn, row_number() OVER (PARTITION BY a.urn ORDER BY sqrt((a.zn - b.zn) ^ 2 + (a.zf - b.zf) ^ 2), b.urn) AS rank
  FROM z a JOIN z b ON a.grp = b.grp AND a.urn <> b.urn QUALIFY rank <= 30
)
SELECT (SELECT count(*) FROM (SELECT urn, similar_urn, rank FROM brute EXCEPT SELECT urn, similar_urn, rank FROM similar_school)) + (SELECT count(*) FROM (SELECT urn, similar_urn, rank FROM similar_school EXCEPT SELECT urn, similar_urn, rank FROM brute))`
