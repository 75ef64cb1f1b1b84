package ingest

import (
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
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
	catalogue.Format // ID, title, publisher, licence
	Kind             readKind
	Match            func(h *Head) bool
	Parse            func(path string) (*RawTable, error)
	// NeedsYear marks performance-tables downloads, whose rows carry no
	// year: the academic year is read from the download's folder or file name.
	NeedsYear bool
	// Dataset picks a dataset id from the header (EES files); nil uses ID.
	Dataset func(h *Head) string
	// Columns, when set, are the only columns staged from a CSV: a big file
	// (the NSPL) is read by name, the rest of each line parsed and dropped.
	Columns []string
	// LoadSQL lists the query-name prefixes to run, in order; empty means
	// "load.<ID>." (a format that shares another's load adds that prefix).
	LoadSQL []string
	// Family names the key columns that make a file look like this format
	// and Required every column its load SQL reads (matched ignoring case,
	// as DuckDB reads them). A file with the family's columns but not all
	// the required ones is a layout newer than sendash knows: the ingest
	// fails naming the missing columns rather than skip or half-load it.
	Family, Required []string
	// Optional columns are read when present; a layout without one stages
	// it as NULL, with a boolean column has$<name> saying which it was, so
	// one load SQL reads the old and the new layout.
	Optional []string
	// StageNames renames staged columns whose names change from one
	// download to the next (e.g. the earlier cohorts' year suffixes).
	StageNames func(cols []string) []string
}

// loadPrefixes returns the load SQL prefixes of a format.
func (f *Format) loadPrefixes() []string {
	if len(f.LoadSQL) > 0 {
		return f.LoadSQL
	}
	return []string{"load." + f.ID + "."}
}

// hasCols reports whether the header contains every named column.
func (h *Head) hasCols(names ...string) bool {
	for _, n := range names {
		if !slices.Contains(h.Columns, n) {
			return false
		}
	}
	return true
}

// missingCols lists the named columns the header lacks, ignoring case.
func (h *Head) missingCols(names ...string) []string {
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(h.Columns, func(c string) bool { return strings.EqualFold(c, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// requires matches a header holding every named column, ignoring case.
func requires(names ...string) func(h *Head) bool {
	return func(h *Head) bool { return len(h.missingCols(names...)) == 0 }
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

// Formats lists every layout in recognition order (the catalogue's:
// specific before generic), each with its catalogue entry.
func Formats() []Format {
	rec := recognisers()
	out := make([]Format, 0, len(rec))
	for _, c := range catalogue.Formats() {
		f, ok := rec[c.ID]
		if !ok {
			panic("ingest: no recogniser for catalogue format " + c.ID)
		}
		f.Format = c
		out = append(out, f)
	}
	if len(out) != len(rec) {
		panic("ingest: a recogniser's format is not in the catalogue")
	}
	return out
}

// nsplColumns are the NSPL/ONSPD columns sendash reads (of about 35): the
// postcode, its dates of introduction and termination, its grid reference
// and its latitude and longitude.
var nsplColumns = []string{"pcds", "dointr", "doterm", "oseast1m", "osnrth1m", "lat", "long"}

// selectList is the staged columns of a format that names them.
func selectList(cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = sqlIdent(c)
	}
	return strings.Join(out, ", ")
}

// recognisers says how to recognise and read each format, by catalogue id.
func recognisers() map[string]Format {
	return map[string]Format{
		"perf_census": {Match: requires(censusCols...), NeedsYear: true,
			Family: []string{"URN", "NOR"}, Required: censusCols, Optional: []string{"NORFSMEVER"}},
		"perf_absence": {Match: requires(absenceCols...), NeedsYear: true,
			Family: []string{"URN", "PERCTOT"}, Required: absenceCols},
		"perf_ks4": {Match: requires(ks4Cols...), NeedsYear: true,
			Family: []string{"URN", "ATT8SCR"}, Required: ks4Cols},
		"perf_ks4_dest": {Match: requires(destCols...), NeedsYear: true,
			Family: []string{"URN", "COHORT"}, Required: destCols,
			Optional: destEarlierCols, StageNames: destEarlierNames},
		"ees_sen_school": {Match: requires(eesSENSchoolCols...), Family: []string{"URN", "EHC plan"},
			Required: eesSENSchoolCols},
		"ees_meta": {Match: func(h *Head) bool { return h.firstCols("col_name", "col_type", "label") }},
		"ees_tidy": {Match: func(h *Head) bool {
			return h.hasCols("time_period", "time_identifier", "geographic_level") && len(eesMeasureColumns(h.Columns)) > 0
		}, Dataset: eesDataset},
		"lait_long": {Match: func(h *Head) bool {
			return h.hasCols("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
		}},
		"lait_parquet": {Kind: readParquet,
			LoadSQL: []string{"load.lait_parquet.", "load.lait_long."},
			Match: func(h *Head) bool {
				return h.IsParquet && h.hasCols("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
			}},
		"lait_dictionary": {Match: func(h *Head) bool { return h.hasCols("Measure_code", "Topic", "Measure", "Polarity", "Year_Type") }},
		"gias_links":      {Match: func(h *Head) bool { return h.firstCols("URN", "LinkURN", "LinkName", "LinkType") }},
		"gias_estab_types": {Match: func(h *Head) bool {
			return h.hasCols("establishment-type-group-code", "type-of-establishment-code", "type-of-establishment-name")
		}},
		"gias_establishments": {Kind: readGo, Parse: ParseGIAS, LoadSQL: []string{"load.gias_establishments."},
			Match: func(h *Head) bool { return h.IsText && h.hasCols(giasRequired...) }},
		"school_info_xlsx": {Kind: readGo, Parse: ParseSchoolInfoXLSX, NeedsYear: true, LoadSQL: []string{"load.school_info."},
			Match: func(h *Head) bool { return h.isXLSX() && sheetMatches(h, isSchoolInfoSheet) }},
		"school_info_csv": {Kind: readGo, Parse: ParseSchoolInfoCSV, NeedsYear: true, LoadSQL: []string{"load.school_info."},
			Match: func(h *Head) bool { return h.IsText && isSchoolInfoHeader(h.Columns) }},
		"laestab_urn":     {Match: func(h *Head) bool { return h.firstCols("AcademicYear", "LA", "LAEstab", "SchoolName", "URN") }},
		"la_region_codes": {Match: func(h *Head) bool { return h.firstCols("LEA", "LA Name", "REGION", "REGION NAME") }},
		"la_changes": {Match: func(h *Head) bool {
			return h.firstCols("old_la_code", "old_la_name", "successor_la_code", "successor_la_name", "effective_date")
		}},
		"school_named_sen": {Match: func(h *Head) bool {
			return h.firstCols("la_name") && h.hasCols("school_name", "Total pupils", "SEN support", "EHC plan")
		}, NeedsYear: true},
		"school_named_units": {Match: func(h *Head) bool {
			return h.firstCols("la_name") && h.hasCols("SEN_Unit", "RP_Unit", "Total pupils", "EHC plan")
		},
			NeedsYear: true},
		"la_sen_need": {Match: func(h *Head) bool {
			return h.hasCols("la_name", "phase_type_grouping", "primary_need", "number_of_pupils")
		}, NeedsYear: true},
		"appeal_rate_csv": {Kind: readGo, Parse: ParseAppealRateCSV,
			Match: func(h *Head) bool { return h.IsText && IsAppealRateTable(h.Records) }},
		"appeal_rate_ods": {Kind: readGo, Parse: ParseAppealRateODS,
			Match: func(h *Head) bool { return h.isODS() && sheetMatches(h, IsAppealRateTable) }},
		"stat_neighbours": {Kind: readGo, Parse: ParseNeighbours,
			Match: func(h *Head) bool { return h.isXLSX() && IsNeighboursWorkbook(h.sheets()) }},
		"lait_la_codes": {Kind: readGo, Parse: ParseLACodeList,
			Match: func(h *Head) bool { return h.isXLSX() && IsLACodeList(h.sheets()) }},
		"ofsted_area_send": {Kind: readGo, Parse: ParseAreaSENDInspections,
			Match: func(h *Head) bool { return h.isODS() && IsAreaSENDInspections(h.sheets()) }},
		"ofsted_mi_2023": {Match: func(h *Head) bool { return h.hasCols("Local.area.partnership", "Inspection.outcome") }},
		"nspl":           {Columns: nsplColumns, Match: func(h *Head) bool { return h.hasCols(nsplColumns...) }},
		"postcode_latlong": {Match: func(h *Head) bool {
			return len(h.Columns) == 3 && h.firstCols("Postcode", "lat", "long")
		}},
	}
}
