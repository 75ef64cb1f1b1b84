package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// fileKinds maps a generated file's name prefix to the real file it mirrors
// and its encoding.
var fileKinds = []struct{ prefix, mirrors, enc string }{
	{"england_census_", "sen-school-level/england_census_2018-19_performance_tables.csv", "BOM, LF"},
	{"england_abs_", "absence-school/england_abs_2018-19_performance_tables.csv", "BOM, LF"},
	{"england_ks4provisional_", "ks4-sen/england_ks4provisional_2018-19_performance_tables_school_level.csv", "BOM, LF"},
	{"england_ks4-pupdest_", "destinations-sen/england_ks4-pupdest_2018-19_performance_tables_school_level.csv", "BOM, LF"},
	{"exclusions_by_geographic_level", "exclusions-school/exclusions_by_geographic_level_2006-07_to_2016-17.csv", "no BOM, CRLF"},
	{"sen2_caseload", "ehcp-la/release-2025/caseload.csv", "BOM, CRLF"},
	{"sen2_timeliness", "ehcp-la/release-2025/timeliness_20_week.csv", "BOM, CRLF"},
	{"exclusions_by_characteristic", "exclusions-la-characteristics/ national file + LA geography columns", "no BOM, CRLF"},
	{"send_tribunal", "tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv", "BOM, CRLF"},
	{"lait_", "lait-la-indicators/lait_sen_inclusion_subset_long.csv", "no BOM, LF"},
	{"statistical_neighbours", "lait-la-indicators/statistical_neighbours_sn_may_2025.xlsx", "xlsx"},
	{"la_and_region_codes_meta", "gias/la_and_region_codes_meta.csv", "no BOM, LF"},
	{"laestab_urn_lookup", "gias/laestab_urn_lookup_2006-07_to_2017-18.csv (school names for every URN)", "no BOM, LF"},
	{"la_changes", "this project's own LA-changes format", "no BOM, LF"},
	{"postcodes", "postcodes-nspl/NW.csv (three-column NSPL extract; fictional Q postcodes, see below)", "no BOM, LF"},
	{"edubasealldata", "GIAS establishments extract edubasealldataYYYYMMDD.csv (layout: shared/layouts/README.md; a subset of its columns)", "Windows-1252, every field quoted, CRLF"},
	{"england_school_information_", "school-information/2017-2018_england_spine.xlsx's columns, as the later england_school_information.csv", "BOM, LF"},
}

// writeReadme explains the world, the files and which LA or school trips
// each flag rule, computed from the generated figures.
func (g *generator) writeReadme() error {
	var b strings.Builder
	w := g.w
	fmt.Fprintf(&b, "# sendash demo data: FICTIONAL\n\nEvery school, LA, region and figure here is invented by `internal/demo` "+
		"(seed %d, %d regions, %d LAs, %d schools, %d years). Nothing describes a real place. "+
		"The files copy the exact layouts of the real published files so the same ingest code reads both.\n\n",
		w.seed, len(w.regions), len(w.las), len(w.schools), w.cal.n)
	fmt.Fprintf(&b, "Years: January censuses %d-%d, academic years %s-%s, calendar years %d-%d (index i of each series is the same year).\n\n",
		w.cal.census(0), w.cal.census(w.cal.n-1), w.cal.slash(0), w.cal.slash(w.cal.n-1), w.cal.calendar(0), w.cal.calendar(w.cal.n-1))
	g.readmeLAs(&b)
	g.readmeMerger(&b)
	g.readmeFlags(&b)
	g.readmeFiles(&b)
	b.WriteString(readmeQuirks)
	name := "README.md"
	if err := os.WriteFile(filepath.Join(g.dir, name), []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("demo: write %s: %w", name, err)
	}
	g.files = append(g.files, name)
	return nil
}

// readmeLAs lists the LAs (at demo size; the national set only counts them).
func (g *generator) readmeLAs(b *strings.Builder) {
	if len(g.w.las) > 20 {
		return
	}
	b.WriteString("## Local authorities\n\n| code | new code | name | region | years |\n|---|---|---|---|---|\n")
	for _, l := range g.w.las {
		fmt.Fprintf(b, "| %d | %s | %s | %s | %d-%d |\n", l.code, l.newCode, l.name, l.reg.name,
			g.w.cal.calendar(l.from), g.w.cal.calendar(l.to-1))
	}
	b.WriteString("\nYears are calendar years; the same index is the academic year starting then and the January census after.\n\n")
}

func (g *generator) readmeMerger(b *strings.Builder) {
	m := g.w.merger
	fmt.Fprintf(b, "## The merger\n\n%s (%d) and %s (%d) merged into %s (%d, %s) on 1 April %d. "+
		"The new code appears from calendar year %d, academic year %s and the January %d census; "+
		"see `la_changes.csv`. In the tribunal table %s has no LA code (as Bournemouth and Poole do in the real table).\n\n",
		m.old[0].name, m.old[0].code, m.old[1].name, m.old[1].code, m.succ.name, m.succ.code, m.succ.newCode,
		mergerCalendarYear, mergerCalendarYear, g.w.cal.slash(m.year), g.w.cal.census(m.year), m.old[1].name)
}

func laLabel(l *la) string { return fmt.Sprintf("%s (%d)", l.name, l.code) }

func runLabels(rs []laRun) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %v", laLabel(r.l), r.years))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

func (g *generator) readmeFlags(b *strings.Builder) {
	p := g.w.plan
	top := g.topQuartileYears()
	var tops []string
	for _, l := range g.w.las {
		if len(top[l]) >= 3 {
			tops = append(tops, fmt.Sprintf("%s %v", laLabel(l), top[l]))
		}
	}
	b.WriteString("## Flags (each a prompt to look, not a verdict)\n\n")
	fmt.Fprintf(b, "- (a) Tribunal appeal rate in the highest quartile of LAs in 3 of the last 4 years: built for **%s**. "+
		"All LAs meeting the rule in this data (ranked among today's LAs; years in the top quartile): %s.\n", laLabel(p.tribunal), strings.Join(tops, "; "))
	fmt.Fprintf(b, "- (b) 20-week timeliness (excluding exceptions) below 50%% in 2 consecutive years: built for **%s**. "+
		"All LAs meeting it: %s. %s dips below 50%% in one year only; %s made no return in %d (all \"x\").\n",
		laLabel(p.timeliness), runLabels(g.lateRuns()), laLabel(p.timelyDip), laLabel(p.missingReturn), g.w.cal.calendar(0))
	fmt.Fprintf(b, "- (c) SEND suspension ratio (EHC plan pupils' suspension rate / no-SEN pupils' rate, all school types, "+
		"from `exclusions_by_characteristic.csv`) above 3 for 3 consecutive academic years: built for **%s**. "+
		"All LAs meeting it (first calendar year of each academic year): %s.\n", laLabel(p.suspension), runLabels(g.ratioRuns()))
	var falls []string
	for _, s := range g.fallingSchools() {
		falls = append(falls, fmt.Sprintf("%s (URN %d, %s)", s.name, s.urn, laLabel(s.home)))
	}
	fmt.Fprintf(b, "- (d) School whose SEND share ((EHC + SEN support) / NOR) fell year on year while its roll did not: built for **%s** "+
		"(URN %d, %s), falling in each of the last three censuses while its roll grows. "+
		"All schools whose share fell in each of the last three censuses with no fall in roll: %s.\n",
		p.falling.name, p.falling.urn, laLabel(p.falling.home), strings.Join(falls, "; "))
	b.WriteString("- (e) School whose suspension rate is in the top tenth of its similar schools in 3 of the last 5 years: " +
		"not planted. Each school keeps its own exclusion factor from year to year, so some schools meet it; " +
		"schools with fewer than 3 years of figures are \"not enough years to judge\".\n")
	fmt.Fprintf(b, "- (f) School whose permanent exclusion rate is above 3 times its LA's in 2 consecutive years: built for **%s** "+
		"(URN %d, %s), whose permanent exclusion rate is %.0f times its usual one in the last two academic years.\n\n",
		p.excluder.name, p.excluder.urn, laLabel(p.excluder.home), excluderPerm)
	fmt.Fprintf(b, "Other planted cases: %s registers no appeals in %d (\" - \"); the in-development appeal figures of %s are suppressed (\" x \").\n\n",
		laLabel(p.zeroAppeals), g.w.cal.calendar(0), joinLAs(p.inDevSupp))
}

func joinLAs(las []*la) string {
	var parts []string
	for _, l := range las {
		parts = append(parts, laLabel(l))
	}
	return strings.Join(parts, " and ")
}

func (g *generator) readmeFiles(b *strings.Builder) {
	b.WriteString("## Files\n\n| file | rows | mirrors (under shared/data) | encoding |\n|---|---|---|---|\n")
	for k, name := range g.files {
		mirrors, enc := "", ""
		for _, fk := range fileKinds {
			if strings.HasPrefix(name, fk.prefix) {
				mirrors, enc = fk.mirrors, fk.enc
			}
		}
		fmt.Fprintf(b, "| `%s` | %d | %s | %s |\n", name, g.rows[k], mirrors, enc)
	}
	b.WriteString("\nRows exclude the header (the tribunal table counts every physical row; the workbook counts LA rows plus the \"Old SNs:\" block).\n\n")
}

const readmeQuirks = `## Quirks reproduced

- Performance tables: UTF-8 BOM, LF; national rows ` + "`NAT`" + ` (PRI/SEC/SPE) summed from the school rows; ` + "`NA`" + ` for independent schools' language and FSM figures, nurseries' FSM-ever, some special schools and PRUs; ` + "`SUPP`" + ` for small counts; KS4 ` + "`NE`" + `, ` + "`LOWCOV`" + `, ` + "`SUPP`" + ` and blank rows for schools without a cohort yet, ` + "`%`" + ` on percentages; destinations ` + "`SP`" + ` (rounds to 0%) and ` + "`SUPP`" + `; school names with commas (quoted).
- EES files: ` + "`x`" + ` (suppressed or not collected) and ` + "`.`" + ` (not applicable); SEN2 files with BOM and CRLF and ` + "`x`" + ` in the columns each year did not collect; "All ..." total rows plus rows by sex in later years.
- Tribunal table: title rows, a year row and a measure row, CAPITALS region rows, footnote digits on names ("England Total4,9"), quoted thousands ("4,833"), rates like 4.40%, " - " for no appeals, " .. " for years an LA did not exist, " x " for suppressed, a multi-line footnote.
- LAIT: labels on the first year only, "-" for years an LA did not exist, float artefacts such as 2.2000000000000002, region names with a lower-case "the".

## Deliberate simplifications

- The gap between SEN and other pupils' suspension rates is about 2.2-2.4x, narrower than England's (about 5x), so the "ratio above 3" flag picks out one LA; timeliness dips below 50% in single years but never two running except in the planned LA.
- Every year is published (no pandemic gaps); academies keep their URN for the whole series; school-level exclusions and absence cover state-funded primary, secondary and special schools (and non-maintained special schools for absence), as the real files do.
- SEN2 placements are derived from the census counts of the schools in each LA (plus FE, home education, NEET and other settings as shares of them), so they are consistent with, not equal to, the census.
- Postcodes (` + "`postcodes.csv`" + `, the three-column NSPL extract's layout) are fictional: real postcode areas never start with Q. An LA's outward code is Q, a letter for its code's hundreds digit and its code's last two digits (LA 951: QJ51); a school's inward code counts the schools of the LA it opened in, in URN order (1AA, 1AB, ...); sector 0 holds a dozen homes a LA to search from, and 0ZZ a postcode with no place. Each LA sits on land in England around its region's stand-in centre (County Durham, the Fens, Somerset, Norfolk, Derbyshire, the Eden valley, Lincolnshire, London, the Sussex Weald), its schools within about 2.5 km of the LA's centre.
`
