package ingest

import (
	"fmt"
	"maps"
	"slices"
)

// Ofsted/CQC "Area SEND inspections and outcomes" (inspections 1 May 2016 to
// 31 August 2022) is an accessible ODS workbook: Cover, Contents, Guidance
// and Notes sheets, then one table sheet (Area_SEND_up_to_31_Aug_2022) with
// four lines of text above a header row and one row per local area. Dates
// are stored as ISO date-times (2017-03-27T00:00:00); revisit cells are
// empty or text ("Not revisited yet") where no revisit has happened.

// areaSENDKeyColumns identify the inspections table's header row.
var areaSENDKeyColumns = []string{"Local authority code", "Area name", "Inspection start date"}

// IsAreaSENDInspections recognises the area SEND inspections workbook: a
// sheet headed "Local authority code", "Area name", "Inspection start date".
func IsAreaSENDInspections(sheets map[string][][]string) bool {
	s, _ := findSheet(sheets, slices.Sorted(maps.Keys(sheets)), areaSENDKeyColumns...)
	return s != ""
}

// ParseAreaSENDInspections reads the inspections table with its header
// names, as printed, for columns plus "cell" (the row's range, e.g. A6:M6);
// lines are sheet rows. The hyperlink column keeps its shown text ("Ofsted
// LA Webpage"), not the address.
func ParseAreaSENDInspections(path string) (*RawTable, error) {
	sheets, order, err := ReadODS(path)
	if err != nil {
		return nil, err
	}
	name, h := findSheet(sheets, order, areaSENDKeyColumns...)
	if name == "" {
		return nil, fmt.Errorf("%s: no sheet has a %q header", path, areaSENDKeyColumns)
	}
	rows := sheets[name]
	header := rows[h]
	for c, v := range header {
		if v == "" || slices.Contains(header[:c], v) || v == "cell" {
			return nil, fmt.Errorf("%s line %d column %d: header %s is blank or repeated", path, h+1, c+1, quote(v))
		}
	}
	t := &RawTable{Columns: append(slices.Clone(header), "cell")}
	for i := h + 1; i < len(rows); i++ {
		r, line := rows[i], i+1
		if isBlankRow(r) {
			continue
		}
		if c := lastNonBlank(r); c >= len(header) {
			return nil, fmt.Errorf("%s line %d column %d: value %s has no header", path, line, c+1, quote(r[c]))
		}
		vals := make([]string, len(header), len(header)+1)
		copy(vals, r)
		t.Append(line, append(vals, rowRange(len(header), line))...)
	}
	return t, nil
}
