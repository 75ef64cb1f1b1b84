package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// eesKeyColumns are the EES geography and time columns; eesFilterColumns are
// the filters seen in the SEND releases. Every other column of an EES file is
// an indicator and must hold a number or a known marker.
var eesKeyColumns = []string{
	"time_period", "time_identifier", "geographic_level", "country_code", "country_name",
	"region_code", "region_name", "old_la_code", "new_la_code", "la_name", "estab", "laestab", "urn",
	"school_name", "academy_type", "academy_open_date",
}

var eesFilterColumns = []string{
	"school_type", "breakdown_topic", "breakdown", "characteristic_group", "characteristic",
	"characteristic_grouping", "pupil_characteristic", "characteristic_age", "setting_type",
	"institution_group", "institution_type", "data_type", "version", "school_characteristic",
	"gender", "ethnic_major", "free_school_meals", "sen_status", "sen_description",
	"disadvantage", "first_language", "des_med_off", "des_clin_off", "des_so_care_off",
	"phase_type_grouping", "primary_need", "sen_provision",
}

// eesDatasets names an EES file by an indicator column only it has.
var eesDatasets = []struct{ col, id string }{
	{"plans_issued_within_20_weeks", "sen2_timeliness"},
	{"ehcplans", "sen2_caseload"},
	{"new_ehc_plans", "sen2_new_plans"},
	{"requests_received_in_year", "sen2_requests"},
	{"assess_in_year", "sen2_assessments"},
	{"review_expected", "sen2_annual_reviews"},
	{"total_ceased", "sen2_ceased"},
	{"des_med_off", "sen2_designated_officers"},
	{"number_asd", "sen2_needs"},
	{"IncExc20weekRate", "sen2_mi"},
	{"Total_ehc", "sen2_age_caseload"},
	{"Total_new_ehc", "sen2_age_new_plans"},
	{"one_plus_fixed", "exclusions"},
	{"avg_att8", "ks4_la_characteristics"},
	{"overall", "ks4_destinations"},
	{"placements", "ap_settings"},
	{"pupils", "ap_pupils"},
}

func eesDataset(h *Head) string {
	for _, d := range eesDatasets {
		if h.hasCols(d.col) {
			if d.id == "sen2_needs" && slices.Contains(h.Columns, "ehc_plans") && isNewPlanNeeds(h) {
				return "sen2_needs_new_plans"
			}
			if d.id == "ap_pupils" && h.hasCols("characteristic_grouping") && apIsPlacement(h) {
				return "ap_placement_reasons"
			}
			return d.id
		}
	}
	return "ees_other"
}

// isNewPlanNeeds separates the two identical-header need files: plans made
// in a calendar year are new plans; the January caseload is all plans.
func isNewPlanNeeds(h *Head) bool {
	i := slices.Index(h.Columns, "time_identifier")
	for _, r := range h.Records[1:] {
		if i >= 0 && i < len(r) && strings.Contains(strings.ToLower(r[i]), "calendar") {
			return true
		}
	}
	return false
}

func apIsPlacement(h *Head) bool {
	for _, r := range h.Records[1:] {
		if strings.Contains(strings.ToLower(strings.Join(r, ",")), "reason") {
			return true
		}
	}
	return false
}

// eesMeasureColumns lists an EES file's indicator columns.
func eesMeasureColumns(cols []string) []string {
	var out []string
	for _, c := range cols {
		if !slices.Contains(eesKeyColumns, c) && !slices.Contains(eesFilterColumns, c) {
			out = append(out, c)
		}
	}
	return out
}

var yearInPath = regexp.MustCompile(`(20\d\d)[-_]?(20)?(\d\d)`)

// yearFromPath finds the academic year of a performance-tables download in
// its path (e.g. "Performancetables_2018-2019/england_census.csv" or
// "england_census_2018-19.csv") and returns it as "2018/19".
func yearFromPath(path string) (string, error) {
	ms := yearInPath.FindAllStringSubmatch(path, -1)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		var start int
		fmt.Sscanf(m[1], "%d", &start)
		var end int
		fmt.Sscanf(m[3], "%d", &end)
		if end == (start+1)%100 {
			return fmt.Sprintf("%d/%02d", start, end), nil
		}
	}
	return "", fmt.Errorf("%s: this file's rows carry no year; put it in a folder or name it with the academic year as the publisher does (e.g. 2018-2019)", path)
}
