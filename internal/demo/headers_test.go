package demo

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// csvFormats lists each generated CSV family with its header, encoding and
// the real file (under SENDASH_REAL_DATA) it copies.
var csvFormats = []struct {
	pattern, header string
	bom, crlf       bool
	real            string
}{
	{"england_census_*", headerCensus, true, false, "sen-school-level/england_census_2018-19_performance_tables.csv"},
	{"england_abs_*", headerAbsence, true, false, "absence-school/england_abs_2018-19_performance_tables.csv"},
	{"england_ks4provisional_*", headerKS4, true, false, "ks4-sen/england_ks4provisional_2018-19_performance_tables_school_level.csv"},
	{"england_ks4-pupdest_*", headerDestinations, true, false, "destinations-sen/england_ks4-pupdest_2018-19_performance_tables_school_level.csv"},
	{"exclusions_by_geographic_level.csv", headerExclusionsGeo, false, true, "exclusions-school/exclusions_by_geographic_level_2006-07_to_2016-17.csv"},
	{"sen2_caseload.csv", headerCaseload, true, true, "ehcp-la/release-2025/caseload.csv"},
	{"sen2_timeliness_20_week.csv", headerTimeliness, true, true, "ehcp-la/release-2025/timeliness_20_week.csv"},
	{"lait_sen_inclusion_long.csv", headerLAIT, false, false, "lait-la-indicators/lait_sen_inclusion_subset_long.csv"},
	{"la_and_region_codes_meta.csv", headerLACodes, false, false, "gias/la_and_region_codes_meta.csv"},
	{"laestab_urn_lookup.csv", headerLAEstabLookup, false, false, "gias/laestab_urn_lookup_2006-07_to_2017-18.csv"},
	{"exclusions_by_characteristic.csv", headerExclusionsCharLA, false, true, ""},
	{"la_changes.csv", headerLAChanges, false, false, ""},
}

// TestHeadersAndEncoding checks every generated CSV's header line, BOM and
// line endings, and that every row has as many fields as the header.
func TestHeadersAndEncoding(t *testing.T) {
	dir := demo(t)
	for _, f := range csvFormats {
		for _, path := range glob(t, dir, f.pattern) {
			line, bom, crlf := firstLine(t, path)
			if line != f.header || bom != f.bom || crlf != f.crlf {
				t.Errorf("%s: header %q bom %v crlf %v", filepath.Base(path), line, bom, crlf)
			}
			width := len(strings.Split(f.header, ","))
			for n, row := range readCSV(t, path) {
				if len(row) != width {
					t.Fatalf("%s line %d: %d fields, header has %d", filepath.Base(path), n+1, len(row), width)
				}
			}
		}
	}
}

// TestHeadersMatchRealFiles compares the copied headers and encodings with
// the real published files when SENDASH_REAL_DATA points at them.
func TestHeadersMatchRealFiles(t *testing.T) {
	root := realData()
	if root == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	for _, f := range csvFormats {
		if f.real == "" {
			continue
		}
		line, bom, crlf := firstLine(t, filepath.Join(root, f.real))
		if line != f.header {
			t.Errorf("%s: header differs from the real file:\nreal %q\nours %q", f.real, line, f.header)
		}
		if bom != f.bom || crlf != f.crlf {
			t.Errorf("%s: real bom %v crlf %v, ours %v %v", f.real, bom, crlf, f.bom, f.crlf)
		}
	}
	real, _, _ := firstLine(t, filepath.Join(root, "exclusions-la-characteristics/exclusions_by_characteristic_national_2011-12_to_2016-17.csv"))
	want := strings.Replace(real, "country_name,", "country_name,region_code,region_name,old_la_code,new_la_code,la_name,", 1)
	if want != headerExclusionsCharLA {
		t.Errorf("characteristic header is not the national one plus LA columns:\n%q\n%q", want, headerExclusionsCharLA)
	}
}

// TestNeighboursLayout checks the workbook's sheet and its three top rows,
// against the real workbook when available.
func TestNeighboursLayout(t *testing.T) {
	ours := sheetRows(t, filepath.Join(demo(t), "statistical_neighbours.xlsx"))
	if got := ours[2][:7]; !slices.Equal(got, []string{"LA num", "LA Name", "LA number", "GOInd", "GOReg", "SN1", "SNP"}) {
		t.Errorf("header row %q", got)
	}
	if !slices.Contains(ours[len(ours)-4], "Old SNs:") {
		t.Error("no Old SNs block before the merged LAs")
	}
	root := realData()
	if root == "" {
		return
	}
	real := sheetRows(t, filepath.Join(root, "lait-la-indicators/statistical_neighbours_sn_may_2025.xlsx"))
	for r := 0; r < 3; r++ {
		if !slices.Equal(ours[r], real[r]) {
			t.Errorf("row %d: ours %q real %q", r+1, ours[r], real[r])
		}
	}
}

func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(snSheet)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
