package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// step is one step of the build after every file has loaded. It names the
// table it makes (or fills, or finishes) and does it with one derive query
// or in Go (run); a Go step that has a query gets its text as input.
type step struct {
	makes string
	query string
	run   func(l *loader, ctx context.Context, query string) error
}

// pipeline is the build after loading, in the order it runs: LA and school
// registers and the schools' places, the indicator catalogue, the LA layer of figure, the school
// layer, figure and similar_school finished and sorted, then the page
// tables and the page documents read from them. A derive query not listed
// here never runs (TestPipelineNamesEveryDeriveStep).
var pipeline = []step{
	{makes: "la", query: "derive.la"},
	{makes: "la_alias", query: "derive.la_alias"},
	{makes: "school", query: "derive.school"},
	{makes: "postcode (one row per postcode, sorted)", query: "derive.postcode.sorted"},
	{makes: "postcode (old one dropped)", query: "derive.postcode.drop"},
	{makes: "postcode (sorted one renamed)", query: "derive.postcode.rename"},
	{makes: "school_place (by postcode)", query: "derive.school_place"},
	{makes: "school_place (by GIAS grid point)", query: "derive.school_place.grid", run: (*loader).gridPlaces},
	{makes: "postcode_area (district and sector centres)", query: "derive.postcode_area"},
	{makes: "school_nearby (empty)", query: "derive.school_nearby.table"},
	{makes: "school_nearby", query: "derive.school_nearby", run: (*loader).nearbySchools},
	{makes: "build_info (build id)", query: "derive.build_info"},
	{makes: "indicator", run: (*loader).writeCatalogue},

	{makes: "figure: tribunal.rate (LAs)", query: "derive.la.tribunal_rate"},
	{makes: "figure: tribunal.rate (regions, England)", query: "derive.la.tribunal_rate_areas"},
	{makes: "figure: ehcp.timely", query: "derive.la.ehcp_timely"},
	{makes: "figure: ehcp.placement", query: "derive.la.ehcp_placement"},
	{makes: "figure: EES counts for LAs, regions, England", query: "derive.la.count_areas"},
	{makes: "figure: published rates beside EES counts", query: "derive.la.count_areas_published"},
	{makes: "sds_excl_count (working table)", query: "derive.la.excl_count"},
	{makes: "figure: exclusions by SEN group", query: "derive.la.exclusions_by_sen"},
	{makes: "figure: excl.* for LAs, regions, England (EES area rows)", query: "derive.la.exclusions"},
	{makes: "figure: LAIT's published LA figures", query: "derive.la.lait_published"},
	{makes: "figure: LA absence by SEN group (not published)", query: "derive.la.absence_by_sen"},
	{makes: "figure: excl.ratio", query: "derive.la.exclusion_ratio"},
	{makes: "figure: LA ranks and quartiles", query: "derive.la.rank"},
	{makes: "flag_rule (LA rules)", query: "derive.la.flag_rules"},
	{makes: "flag: la.tribunal_top_quartile", query: "derive.la.flag_tribunal"},
	{makes: "flag: la.timely_below", query: "derive.la.flag_timely"},
	{makes: "flag: la.suspension_ratio", query: "derive.la.flag_suspension_ratio"},
	{makes: "sds_judge_obs, sds_judge_areas (LA rules)", query: "derive.la.flag_unjudged"},

	{makes: "sds_school_year (working table)", query: "derive.school.year"},
	{makes: "figure: roll.ehcp, roll.support (schools)", query: "derive.school.roll"},
	{makes: "sds_census_sample (working table: sampled census years)", query: "derive.school.census_sample"},
	{makes: "figure: roll.ehcp, roll.support (England in a sampled year: NAT rows)", query: "derive.school.roll_nat"},
	{makes: "figure: roll.ehcp, roll.support (LAs, England)", query: "derive.school.roll_area"},
	{makes: "figure: roll.representation", query: "derive.school.representation"},
	{makes: "figure: attend.absence, attend.persistent (schools)", query: "derive.school.absence"},
	{makes: "sds_exclusion (working table)", query: "derive.school.exclusion_urn"},
	{makes: "figure: excl.* (schools)", query: "derive.school.exclusions"},
	{makes: "figure: outcome.ks4.att8, outcome.ks4.p8", query: "derive.school.ks4"},
	{makes: "figure: outcome.dest (schools)", query: "derive.school.destinations"},
	{makes: "figure: outcome.dest (LAs, England: LAIT's figure a download's own cohort replaces)", query: "derive.school.destinations_area_replaces"},
	{makes: "figure: outcome.dest (LAs, England: the download's LA and NAT rows)", query: "derive.school.destinations_area"},
	{makes: "figure: moves.roll", query: "derive.school.moves"},
	{makes: "similar_school", query: "derive.school.similar", run: (*loader).similarSchools},
	{makes: "flag_rule (school rules)", query: "derive.school.flag_rule"},
	{makes: "flag: school.send_share_fell", query: "derive.school.flag"},
	{makes: "flag_rule (school exclusion rules)", query: "derive.school.excl_flag_rules"},
	{makes: "sds_susp_pct (working table)", query: "derive.school.excl_percentile"},
	{makes: "flag: school.suspension_top_tenth", query: "derive.school.flag_suspension"},
	{makes: "sds_perm_la (working table)", query: "derive.school.excl_vs_la"},
	{makes: "flag: school.permanent_above_la", query: "derive.school.flag_permanent"},
	{makes: "sds_judge_obs, sds_judge_areas (school rules)", query: "derive.school.flag_unjudged"},
	{makes: "flag_unjudged", query: "derive.flag_unjudged"},
	{makes: "(drops sds_school_year, sds_census_sample)", query: "derive.school.cleanup"},

	{makes: "figure (percentiles, late ranks, sorted)", query: "derive.final.figure"},
	{makes: "figure (old one dropped)", query: "derive.final.swap_drop"},
	{makes: "figure (finished one renamed)", query: "derive.final.swap_rename"},
	{makes: "figure (checked: every number finite)", query: "derive.final.check_finite", run: (*loader).checkFinite},
	{makes: "similar_school (sorted)", query: "derive.final.similar_sorted"},
	{makes: "similar_school (old one dropped)", query: "derive.final.similar_drop"},
	{makes: "similar_school (sorted one renamed)", query: "derive.final.similar_rename"},

	{makes: "page_school_info", query: "derive.page.school_info"},
	{makes: "page_school_latest", query: "derive.page.school_latest"},
	{makes: "page_la_latest", query: "derive.page.la_latest"},
	{makes: "page_la_trend", query: "derive.page.la_trend"},
	{makes: "page_la_placement", query: "derive.page.la_placement"},
	{makes: "page_la_school", query: "derive.page.la_school"},
	{makes: "page_la_school_fig", query: "derive.page.la_school_fig"},
	{makes: "page_search", query: "derive.page.search"},
	{makes: "page_school_trend_ref", query: "derive.page.school_trend_ref"},
	{makes: "page_league", query: "derive.page.league"},
	{makes: "page_league_periods", query: "derive.page.league_periods"},
	{makes: "page_school_doc (empty)", query: "derive.page.school_doc"},
	{makes: "page_la_doc (empty)", query: "derive.page.la_doc"},
	{makes: "page_league_doc (empty)", query: "derive.page.league_doc"},
	{makes: "page_school_doc", run: (*loader).schoolDocs},
	{makes: "page_la_doc", run: (*loader).laDocs},
	{makes: "page_league_doc", run: (*loader).leagueDocs},
	{makes: "build_info (build version)", run: (*loader).buildVersion},
}

// runPipeline runs every step in order, logging each one's time.
func (l *loader) runPipeline(ctx context.Context) error {
	for _, s := range pipeline {
		start := time.Now()
		if err := l.runStep(ctx, s); err != nil {
			return err
		}
		l.cfg.Logger.Debug("step", "makes", s.makes, "query", s.query, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// runStep runs one step: its Go function (given its query's text, if any)
// or its query.
func (l *loader) runStep(ctx context.Context, s step) error {
	var err error
	switch {
	case s.run != nil && s.query != "":
		err = s.run(l, ctx, l.st.Q.Get(s.query))
	case s.run != nil:
		err = s.run(l, ctx, "")
	default:
		_, err = l.conn.ExecContext(ctx, l.st.Q.Get(s.query))
	}
	if err != nil {
		return fmt.Errorf("derive %s (%s): %w", s.makes, cmp.Or(s.query, "Go"), err)
	}
	return nil
}

// writeCatalogue writes the indicator catalogue into the indicator table,
// which the page tables and the methodology page read.
func (l *loader) writeCatalogue(ctx context.Context, _ string) error {
	for _, x := range catalogue.Indicators() {
		_, err := l.conn.ExecContext(ctx, l.st.Q.Get("ingest.indicator"), x.ID, x.Title,
			strings.Join(x.Levels, ","), x.Unit, string(x.Polarity), x.Definition, nullIfEmpty(x.Caveat), x.Sources)
		if err != nil {
			return fmt.Errorf("indicator %s: %w", x.ID, err)
		}
	}
	return nil
}

// checkFinite fails the build if query finds a figure with a number that
// is not finite, naming it.
func (l *loader) checkFinite(ctx context.Context, query string) error {
	var ind, level, code, period, grp string
	err := l.conn.QueryRowContext(ctx, query).Scan(&ind, &level, &code, &period, &grp)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("figure %s for %s %s, %s (%s) has a number that is not finite (NaN or infinite)", ind, level, code, period, grp)
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (l *loader) schoolDocs(ctx context.Context, _ string) error {
	return buildSchoolDocs(ctx, l.st, l.conn)
}

func (l *loader) laDocs(ctx context.Context, _ string) error { return l.st.BuildLADocs(ctx, l.conn) }

func (l *loader) leagueDocs(ctx context.Context, _ string) error {
	return l.st.BuildLeagueDocs(ctx, l.conn)
}

// buildVersion records the version of the SQL, catalogue and document
// encoding that built the database, so serve refuses one built otherwise.
func (l *loader) buildVersion(ctx context.Context, _ string) error {
	if _, err := l.conn.ExecContext(ctx, l.st.Q.Get("ingest.schema_version"), store.BuildVersion(l.st.Q)); err != nil {
		return err
	}
	abs, err := filepath.Abs(l.cfg.DataDir)
	if err != nil {
		return err
	}
	_, err = l.conn.ExecContext(ctx, l.st.Q.Get("ingest.data_folder"), validText(filepath.Base(abs)))
	return err
}
