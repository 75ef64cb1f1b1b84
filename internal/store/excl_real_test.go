package store_test

import (
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/testdb"
)

// exclRealFiles are the published files the exclusions checks read.
var exclRealFiles = []string{
	"exclusions-school/exclusions_by_geographic_level_2006-07_to_2016-17.csv",
	"exclusions-la-characteristics/exclusions_by_characteristic_national_2011-12_to_2016-17.csv",
	"lait-la-indicators/bds_long_0.parquet",
}

// TestExclusionsAreasReal checks LA, region and England exclusion rates
// against values read by hand from the exclusions file (2016/17 rows):
// Camden (202) 1,005 suspensions / 22,387 pupils = 4.49% as printed; North
// East 22,830 / 385,875 = 5.92%; England 7,720 permanent / 8,025,075 = 0.10%.
func TestExclusionsAreasReal(t *testing.T) {
	testdb.Real(t, exclRealFiles...)
	db := laTestDB(t)
	cases := []struct{ ind, level, code, period, grp, want string }{
		{"excl.suspension", "la", "202", "2016/17", "all", "1005 | 22387 | 4.49 | 4.49 | ok"},
		{"excl.permanent", "la", "202", "2016/17", "all", "30 | 22387 | 0.13 | 0.13 | ok"},
		{"excl.oneplus", "la", "202", "2016/17", "all", "655 | 22387 | 2.93 | 2.93 | ok"},
		{"excl.suspension", "region", "E12000001", "2016/17", "all", "22830 | 385875 | 5.92 | 5.92 | ok"},
		{"excl.permanent", "england", "E92000001", "2016/17", "all", "7720 | 8025075 | 0.10 | 0.1 | ok"},
		// LAIT fills the years after the file (TotFixedEx, as printed, no counts)
		{"excl.suspension", "la", "202", "2023/24", "all", " |  | 5.87 | 5.87388 | ok"},
	}
	for _, c := range cases {
		got := laRows(t, db, `SELECT coalesce(CAST(CAST(numerator AS BIGINT) AS VARCHAR), ''), coalesce(CAST(CAST(denominator AS BIGINT) AS VARCHAR), ''),
			printf('%.2f', value), CAST(published AS VARCHAR), CAST(status AS VARCHAR)
			FROM figure WHERE indicator = ? AND level = ? AND code = ? AND period = ? AND grp = ?`,
			c.ind, c.level, c.code, c.period, c.grp)
		if len(got) != 1 || strings.Join(got[0], " | ") != c.want {
			t.Errorf("%s %s %s %s %s:\n%s want %s", c.ind, c.level, c.code, c.period, c.grp, laJoin(got), c.want)
		}
	}
	// London, which the file does not print, is Inner + Outer London
	got := laRows(t, db, `SELECT CAST(l.numerator = i.numerator + o.numerator AND l.denominator = i.denominator + o.denominator AS VARCHAR)
		FROM figure l, figure i, figure o
		WHERE l.code = 'E12000007' AND i.code = 'E13000001' AND o.code = 'E13000002'
		  AND l.indicator = 'excl.suspension' AND l.period = '2016/17' AND l.grp = 'all' AND l.level = 'region'
		  AND i.indicator = l.indicator AND o.indicator = l.indicator AND i.period = l.period AND o.period = l.period
		  AND i.grp = l.grp AND o.grp = l.grp AND i.level = 'region' AND o.level = 'region'`)
	if laJoin(got) != "  true\n" {
		t.Errorf("London 2016/17 suspensions are not Inner + Outer London: %v", got)
	}
}

// TestExclusionsLACountsReal asserts how many LAs have a suspension rate
// each year: from the file's counts (2006/07-2016/17) and from LAIT's
// printed rate (2017/18-2023/24), and that every LA rate recomputed from the
// file's counts equals the printed one to 2 dp.
func TestExclusionsLACountsReal(t *testing.T) {
	testdb.Real(t, exclRealFiles...)
	db := laTestDB(t)
	got := laJoin(laRows(t, db, `SELECT period, count(*) FILTER (WHERE numerator IS NOT NULL), count(*) FILTER (WHERE numerator IS NULL)
		FROM figure WHERE indicator = 'excl.suspension' AND level = 'la' AND grp = 'all' AND status = 'ok'
		GROUP BY period ORDER BY period`))
	want := "" +
		"  2006/07 | 150 | 0\n  2007/08 | 150 | 0\n  2008/09 | 150 | 0\n  2009/10 | 152 | 0\n" +
		"  2010/11 | 152 | 0\n  2011/12 | 151 | 0\n  2012/13 | 152 | 0\n  2013/14 | 151 | 0\n" +
		"  2014/15 | 152 | 0\n  2015/16 | 152 | 0\n  2016/17 | 152 | 0\n  2017/18 | 0 | 152\n" +
		"  2018/19 | 0 | 152\n  2019/20 | 0 | 151\n  2020/21 | 0 | 151\n  2021/22 | 0 | 152\n" +
		"  2022/23 | 0 | 152\n  2023/24 | 0 | 153\n"
	if got != want {
		t.Errorf("LAs with a suspension rate by year (from counts | LAIT):\n%swant\n%s", got, want)
	}
	bad := laRows(t, db, `SELECT count(*) FROM figure
		WHERE indicator IN ('excl.suspension', 'excl.permanent', 'excl.oneplus') AND level = 'la'
		  AND numerator IS NOT NULL AND status = 'ok' AND abs(value - published) > 0.0051`) // printed half up: 9.375 is 9.38
	if bad[0][0] != "0" {
		t.Errorf("%s LA exclusion rates differ from the printed rate", bad[0][0])
	}
}

// TestExclusionsOneFigurePerKeyReal checks that no exclusion figure is
// written twice (indicator, level, code, period, grp), and that England's
// rows by SEN group still come from the characteristics file while the
// all-pupils and phase rows come from the by-area file.
func TestExclusionsOneFigurePerKeyReal(t *testing.T) {
	testdb.Real(t, exclRealFiles...)
	db := laTestDB(t)
	if dup := laRows(t, db, `SELECT indicator, level, code, period, grp, count(*) FROM figure
		WHERE indicator LIKE 'excl.%' GROUP BY ALL HAVING count(*) > 1 LIMIT 5`); len(dup) > 0 {
		t.Errorf("exclusion figures written twice:\n%s", laJoin(dup))
	}
	got := laJoin(laRows(t, db, `SELECT f.grp, CASE WHEN s.path LIKE '%characteristic%' THEN 'characteristics' ELSE 'by area' END
		FROM figure f JOIN source_file s USING (source_id)
		WHERE f.indicator = 'excl.suspension' AND f.level = 'england' AND f.period = '2016/17' ORDER BY f.grp`))
	want := "  all | by area\n  ehcp | characteristics\n  no_sen | characteristics\n  primary | by area\n" +
		"  secondary | by area\n  sen_support | characteristics\n  special | by area\n"
	if got != want {
		t.Errorf("England 2016/17 suspension rows by source:\n%swant\n%s", got, want)
	}
}

// TestExclusionFlagsReal checks the school exclusion rules on the published
// files: the school rows cover 2006/07-2016/17, so the rules read the last
// five (2012/13-2016/17) and are judged for most schools with exclusion
// figures; no LA publishes exclusions by SEN group, so the LA suspension
// ratio rule is "not enough years to judge" for every current LA; and no
// rule is both fired and not judged for one area.
func TestExclusionFlagsReal(t *testing.T) {
	testdb.Real(t, exclRealFiles...)
	db := laTestDB(t)
	got := laJoin(laRows(t, db, `SELECT min(period), max(period), count(DISTINCT period) FROM figure
		WHERE indicator = 'excl.suspension' AND level = 'school'`))
	if got != "  2006/07 | 2016/17 | 11\n" {
		t.Errorf("school exclusion years: %s", got)
	}
	for _, rule := range []string{"school.suspension_top_tenth", "school.permanent_above_la"} {
		n := laRows(t, db, `SELECT (SELECT count(*) FROM flag WHERE rule_id = ?), (SELECT count(*) FROM flag_unjudged WHERE rule_id = ?)`, rule, rule)
		t.Logf("%s: fired for %s schools, not enough years for %s", rule, n[0][0], n[0][1])
		if n[0][0] == "0" || n[0][1] == "0" {
			t.Errorf("%s: fired %s, not judged %s: want some of each", rule, n[0][0], n[0][1])
		}
	}
	got = laJoin(laRows(t, db, `SELECT count(*) = (SELECT count(*) FROM la WHERE status = 'current') FROM flag_unjudged
		WHERE rule_id = 'la.suspension_ratio' AND level = 'la'`))
	if got != "  true\n" {
		t.Errorf("la.suspension_ratio is judged for some LA although no LA figures by SEN group are loaded")
	}
	if both := laRows(t, db, `SELECT f.rule_id, f.code FROM flag f JOIN flag_unjudged u USING (rule_id, level, code) LIMIT 5`); len(both) > 0 {
		t.Errorf("rules both fired and not judged:\n%s", laJoin(both))
	}
}
