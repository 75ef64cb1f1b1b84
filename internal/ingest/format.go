package ingest

import (
	"slices"
	"strings"
)

// readKind says how a recognised file reaches the staging table `raw`.
type readKind int

const (
	readCSV     readKind = iota // DuckDB read_csv with the file's own header row
	readGo                      // a Go parser returns a RawTable
	readParquet                 // DuckDB read_parquet
)

// Format is one published file layout sendash understands. Files are matched
// by content (Match), never by name; the load SQL sections named
// "load.<ID>.*" in queries/load turn the staging table into canonical rows.
type Format struct {
	ID        string
	Title     string
	Publisher string
	Licence   string
	Kind      readKind
	Match     func(h *Head) bool
	Parse     func(path string) (*RawTable, error)
	// NeedsYear marks performance-tables downloads, whose rows carry no
	// year: the academic year is read from the download's folder or file name.
	NeedsYear bool
	// Dataset picks a dataset id from the header (EES files); nil uses ID.
	Dataset func(h *Head) string
	// LoadSQL lists the query-name prefixes to run, in order; empty means
	// "load.<ID>." (a format that shares another's load adds that prefix).
	LoadSQL []string
}

// loadPrefixes returns the load SQL prefixes of a format.
func (f *Format) loadPrefixes() []string {
	if len(f.LoadSQL) > 0 {
		return f.LoadSQL
	}
	return []string{"load." + f.ID + "."}
}

const ogl = "Open Government Licence v3.0"

// hasCols reports whether the header contains every named column.
func (h *Head) hasCols(names ...string) bool {
	for _, n := range names {
		if !slices.Contains(h.Columns, n) {
			return false
		}
	}
	return true
}

// firstCols reports whether the header starts with exactly these columns.
func (h *Head) firstCols(names ...string) bool {
	if len(h.Columns) < len(names) {
		return false
	}
	for i, n := range names {
		if !strings.EqualFold(h.Columns[i], n) {
			return false
		}
	}
	return true
}

// Formats lists every layout in recognition order: specific before generic.
func Formats() []Format {
	return []Format{
		{ID: "perf_census", Title: "Performance tables: school census (SEN, FSM, EAL)", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("URN", "NOR", "TSENELSE", "PSENELSE", "TSENELK", "PSENELK") }, NeedsYear: true},
		{ID: "perf_absence", Title: "Performance tables: pupil absence by school", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("URN", "PERCTOT", "PPERSABS10") }, NeedsYear: true},
		{ID: "perf_ks4", Title: "Performance tables: key stage 4 by school", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("URN", "ATT8SCR", "P8MEA") }, NeedsYear: true},
		{ID: "perf_ks4_dest", Title: "Performance tables: KS4 destinations by school", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("URN", "COHORT", "OVERALL_DEST", "OVERALL_DESTPER") }, NeedsYear: true},
		{ID: "ees_meta", Title: "Explore education statistics: data file metadata", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.firstCols("col_name", "col_type", "label") }},
		{ID: "ees_tidy", Title: "Explore education statistics: tidy data file", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.hasCols("time_period", "time_identifier", "geographic_level") && len(eesMeasureColumns(h.Columns)) > 0
			}, Dataset: eesDataset},
		{ID: "lait_long", Title: "LAIT: local authority indicators (long format)", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.hasCols("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
			}},
		{ID: "lait_parquet", Title: "LAIT: local authority indicators (parquet)", Publisher: "DfE", Licence: ogl, Kind: readParquet,
			LoadSQL: []string{"load.lait_parquet.", "load.lait_long."},
			Match: func(h *Head) bool {
				return h.IsParquet && h.hasCols("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
			}},
		{ID: "lait_dictionary", Title: "LAIT: data dictionary", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("Measure_code", "Topic", "Measure", "Polarity", "Year_Type") }},
		{ID: "gias_links", Title: "GIAS: establishment links", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.firstCols("URN", "LinkURN", "LinkName", "LinkType") }},
		{ID: "gias_estab_types", Title: "GIAS: establishment type codes", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.hasCols("establishment-type-group-code", "type-of-establishment-code", "type-of-establishment-name")
			}},
		{ID: "laestab_urn", Title: "DfE laestab to URN lookup", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.firstCols("AcademicYear", "LA", "LAEstab", "SchoolName", "URN") }},
		{ID: "la_region_codes", Title: "Performance tables: LA and region codes", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool { return h.firstCols("LEA", "LA Name", "REGION", "REGION NAME") }},
		{ID: "la_changes", Title: "LA boundary changes (sendash reference list)", Publisher: "sendash, from ONS/DfE notices", Licence: ogl,
			Match: func(h *Head) bool {
				return h.firstCols("old_la_code", "old_la_name", "successor_la_code", "successor_la_name", "effective_date")
			}},
		{ID: "school_named_sen", Title: "SEN in England: school-level pupils with SEN (no URN)", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.firstCols("la_name") && h.hasCols("school_name", "Total pupils", "SEN support", "EHC plan")
			}, NeedsYear: true},
		{ID: "school_named_units", Title: "SEN in England: school-level EHC plans and SEN units (no school identifier)", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.firstCols("la_name") && h.hasCols("SEN_Unit", "RP_Unit", "Total pupils", "EHC plan")
			},
			NeedsYear: true},
		{ID: "la_sen_need", Title: "SEN in England: pupils by LA, phase and primary need", Publisher: "DfE", Licence: ogl,
			Match: func(h *Head) bool {
				return h.hasCols("la_name", "phase_type_grouping", "primary_need", "number_of_pupils")
			}, NeedsYear: true},
		{ID: "appeal_rate_csv", Title: "SEND Tribunal appeal rate by LA (presentation table, CSV)", Publisher: "MoJ / HMCTS with DfE", Licence: ogl,
			Kind: readGo, Parse: ParseAppealRateCSV,
			Match: func(h *Head) bool { return h.IsText && IsAppealRateTable(h.Records) }},
		{ID: "appeal_rate_ods", Title: "SEND Tribunal appeal rate by LA (MoJ ODS table)", Publisher: "Ministry of Justice", Licence: ogl,
			Kind: readGo, Parse: ParseAppealRateODS,
			Match: func(h *Head) bool { return h.isODS() && sheetMatches(h, IsAppealRateTable) }},
		{ID: "stat_neighbours", Title: "DfE children's services statistical neighbours", Publisher: "DfE", Licence: ogl,
			Kind: readGo, Parse: ParseNeighbours,
			Match: func(h *Head) bool { return h.isXLSX() && IsNeighboursWorkbook(h.sheets()) }},
		{ID: "lait_la_codes", Title: "LAIT: LA code list", Publisher: "DfE", Licence: ogl,
			Kind: readGo, Parse: ParseLACodeList,
			Match: func(h *Head) bool { return h.isXLSX() && IsLACodeList(h.sheets()) }},
		{ID: "ofsted_area_send", Title: "Ofsted/CQC area SEND inspections and outcomes (2016-2022)", Publisher: "Ofsted", Licence: ogl,
			Kind: readGo, Parse: ParseAreaSENDInspections,
			Match: func(h *Head) bool { return h.isODS() && IsAreaSENDInspections(h.sheets()) }},
		{ID: "ofsted_mi_2023", Title: "Ofsted: area SEND inspections (2023 framework) management information", Publisher: "Ofsted", Licence: ogl,
			Match: func(h *Head) bool { return h.hasCols("Local.area.partnership", "Inspection.outcome") }},
	}
}
