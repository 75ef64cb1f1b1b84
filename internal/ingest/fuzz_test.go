package ingest

// Fuzz tests for every format recogniser and parser. `go test` runs only the
// seeds below (the real files' first lines) and testdata/fuzz/; a real fuzz
// run is scripts/fuzz.sh, or one target for a minute:
//
//	go test -run '^$' -fuzz '^FuzzReadHead$' -fuzztime 60s ./internal/ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// realHeads are the first lines of each real published CSV in
// ../shared/data (header and two rows, long lines cut), so every fuzzer
// starts from what publishers actually print.
var realHeads = []string{
	"\ufeffLA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,2.6,3.4\n202,2000,136807,4.3,11\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,la_name,old_la_code,setting_type,placements\n" +
		"202223,Academic year,Local authority,E92000001,England,E12000005,West Midlands,E08000030,Walsall,335,One on one tuition,21\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,la_name,old_la_code,characteristic_grouping,pupil_characteristic,setting_type,pupils\n" +
		"202223,Academic year,Local authority,E92000001,England,E12000001,North East,E06000004,Stockton-on-Tees,808,Placement Reason,Other,Other unregistered provider,7\n",
	"\ufeffRECTYPE,LEA,ESTAB,URN,ICLOSE,SCHNAME,NFTYPE,COHORT,OVERALL_DEST,APPREN,EMPLOYMENT,EDUCATION,OVERALL_DESTPER,APPRENPER\n" +
		"1,201,6007,100003,0,City of London School,IND,NA,NA,NA,NA,NA,NA,NA\n",
	"\ufeff\"time_period\",\"time_identifier\",\"geographic_level\",\"country_code\",\"country_name\",\"institution_group\",\"institution_type\",\"breakdown_topic\",\"breakdown\",\"data_type\",\"version\",\"inst_count\",\"cohort\",\"overall\"\n" +
		"\"202122\",\"Academic year\",\"National\",\"E92000001\",\"England\",\"State-funded mainstream\",\"Total\",\"SEN status\",\"Total\",\"Number of students\",\"Provisional\",\"3000\",\"600000\",\"560000\"\n",
	"time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,characteristic_age,Total_st,Total_st_pc,Total_ehc,Total_ehc_pc,Total_all,Total_all_pc\n" +
		"2022,Calendar year,National,E92000001,England,\"\",\"\",\"\",\"\",\"\",Total,z,z,473255,100,473255,100\n",
	"time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,NewallEHC,NewallEHC_pc,IncExc20weekRate\n" +
		"2021,Calendar year,National,E92000001,England,,,,,,62180,100,59.9\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,total_ehc_plans,review_expected,review_not_expected\n" +
		"2024,Calendar year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,Total,Total,4000,-1,12\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,max_age,needs_met,he,employ,transfer,no_engage,moved_outside_eng,deceased,not_rec,other,total_ceased\n" +
		"2022,Calendar year,National,E92000001,England,,,,,,All ceased EHC plans,All ceased EHC plans,2141,4054,1454,2734,9400,11734,490,519,5,2193,347\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,plans_issued_den,plans_issued_within_20_weeks,pc_plans_issued_within_20_weeks\n" +
		"2024,Calendar year,National,E92000001,England,,,,,,Total,Total,57000,26000,46.4\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,des_med_off,des_clin_off,des_so_care_off\n" +
		"2019,Calendar year,Local authority,E92000001,England,E12000001,North East,E08000037,390,Gateshead,Yes,No,n/a\n",
	"\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehc_plans,number_asd,number_hi\n" +
		"2024,Calendar year,National,E92000001,England,,,,,,Total,Total,90000,30000,1000\n",
	"col_name,col_type,label,indicator_grouping,indicator_unit,filter_hint,filter_grouping_column\n" +
		"school_type,Filter,School type,,,Filter by school type,\ncharacteristic,Filter,Characteristic,,,Filter by pupil characteristic,characteristic_group\n",
	"time_identifier,time_period,geographic_level,country_code,country_name,school_type,characteristic_group,characteristic,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate\n" +
		"Academic year,201617,National,E92000001,England,Total,Total,Total,8025075,7720,0.1,381865,4.76,183475,2.29\n",
	"time_identifier,time_period,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,estab,laestab,academy_type,academy_open_date,school_type,num_schools,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate\n" +
		"Academic year,201617,School,E92000001,England,E12000006,East of England,935,E10000029,Suffolk,4604,9354604,,,State-funded primary,1,200,0,0,x,x,x,x\n",
	"establishment-type-group-code,establishment-type-group-name,type-of-establishment-code,type-of-establishment-name,further-education-type-name-applicable\n" +
		"1,Colleges,18,Further education,\n1,Colleges,18,Further education,\"Art, Design and Performing Arts College\"\n",
	"LEA,LA Name,REGION,REGION NAME\n841,Darlington,1,North East A\n840,County Durham,1,North East A\n",
	"AcademicYear,LA,LAEstab,SchoolName,URN\n201718,202,2021048,The Thomas Coram Centre,100005\n",
	"\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\"\n100006,134643,\"CCfL Key Stage 3 PRU\",\"Predecessor - merged\",\"01-01-2022\"\n",
	"\ufeffRECTYPE,LEA,ESTAB,URN,SCHNAME,ICLOSE,NFTYPE,TPUP,ATT8SCR,P8PUP,TP8ADJ,P8MEA\n1,201,6007,100003,City of London School,0,IND,NA,NA,NA,NA,NA\n",
	"time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,version,school_characteristic,breakdown,gender,sen_status,t_schools,t_pupils,avg_att8\n" +
		"201819,Academic year,National,E92000001,England,,,,,,Revised,All,Total,Total,Total,3000,500000,46.5\n",
	"\"Measure_code\",\"Topic\",\"Measure\",\"Chart_title\",\"Measure_short\",\"Polarity\",\"y_axis_name\",\"Year_Type\"\n\"4\",\"Health and Wellbeing\",\"Infant Mortality\",\"Infant Mortality rate\",\"InfMort\",\"Low\",\"Rate\",\"Calendar\"\n",
	"Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\nSENFinance,SEN Finance,2016-17 (OT),Barking and Dagenham,25,301,Outer London\n",
	"\"\",\"Link.to.report.webpage.for.the.local.authority.and.local.area.partnership\",\"Local.area.partnership\",\"Ofsted.region\",\"Inspection.outcome\"\n" +
		"\"1\",\"Report webpage\",\"Brighton and Hove\",\"South East\",\"Typically positive experiences and outcomes\"\n",
	"la_name,phase_type_grouping,primary_need,number_of_pupils,pupil_gender_boys,pupil_gender_girls\nHartlepool,State-funded AP school,Moderate Learning Difficulty,1,1,0\n",
	"\ufeffURN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL\n100000,201,3614,State-funded primary,285,141,144,49.5,50.5,5,1.8,50,17.5,141\n",
	"\"la_name\",\"SEN_Unit\",\"RP_Unit\",\"Total pupils\",\"EHC plan\"\n\"City of London\",\"0\",\"0\",\"270\",\"7\"\n",
	"la_name,school_name,Total pupils,SEN support,EHC plan,Total Sen\nCity of London,The Aldgate School,271,59,8,67\n",
	"old_la_code,old_la_name,successor_la_code,successor_la_name,effective_date\n837,Bournemouth,839,\"Bournemouth, Christchurch and Poole\",2019-04-01\n",
	"Release notes\r\nThis file describes the release.\r\n",
	"# Provenance\n\nDownloaded from https://explore-education-statistics.service.gov.uk/\n",
	"", "\n", "\"", "a,\"b\nc", "\xef\xbb\xbf", "PK\x03\x04", "PAR1",
}

// realDataHeads adds the first 4 KB of every real file when
// SENDASH_REAL_DATA is set, so a local fuzz run starts from all of them.
func realDataHeads() [][]byte {
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		return nil
	}
	var out [][]byte
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".parquet") {
			return nil
		}
		fh, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer fh.Close()
		b := make([]byte, 4096)
		n, _ := fh.Read(b)
		out = append(out, b[:n])
		return nil
	})
	return out
}

// fuzzFile writes data to path, a file in the target's temp folder reused
// by every input (a worker runs its inputs one at a time).
func fuzzFile(t *testing.T, path string, data []byte) string {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// FuzzReadHead feeds arbitrary bytes to recognition: readHead (and so
// firstRecords), every format's Match, the EES dataset picker and the
// not-loaded reason. None may panic, and the head must be self-consistent.
func FuzzReadHead(f *testing.F) {
	for _, s := range realHeads {
		f.Add([]byte(s))
	}
	for _, b := range realDataHeads() {
		f.Add(b)
	}
	formats := Formats()
	path := filepath.Join(f.TempDir(), "head.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := readHead(fuzzFile(t, path, data))
		if err != nil {
			t.Fatalf("readHead of a readable file: %v", err)
		}
		if len(h.Records) > 12 {
			t.Errorf("%d records, want at most 12", len(h.Records))
		}
		if h.IsText && len(h.Records) > 0 && len(h.Columns) != len(h.Records[0]) {
			t.Errorf("columns %q do not match the first record %q", h.Columns, h.Records[0])
		}
		if h.IsText && !utf8.Valid(data) && h.IsUTF8 && len(data) < headBytes {
			t.Errorf("invalid UTF-8 reported as UTF-8")
		}
		for _, fm := range formats {
			if h.IsParquet {
				break // columns come from DuckDB, not from the head
			}
			if fm.Match(h) && fm.Dataset != nil {
				fm.Dataset(h)
			}
		}
		if h.IsText {
			IsAppealRateTable(h.Records)
		}
		unrecognisedReason(h)
	})
}

// FuzzFirstRecords checks the CSV head reader on its own, with any limit.
func FuzzFirstRecords(f *testing.F) {
	for _, s := range realHeads {
		f.Add([]byte(s), 12)
	}
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		max = max % 64
		recs := firstRecords(data, max)
		if len(recs) > max && max >= 0 {
			t.Errorf("%d records for max %d", len(recs), max)
		}
	})
}

var yearShape = regexp.MustCompile(`^20\d\d/\d\d$`)

// FuzzYearFromPath: a year found in a path is a real academic year (the
// second half one more than the first), and never a panic.
func FuzzYearFromPath(f *testing.F) {
	for _, s := range []string{
		"perf-2018-2019/england_census.csv", "Performancetables_2018-2019/england_abs.csv",
		"england_census_2018-19.csv", "england_ks4provisional_2018-19_performance_tables_school_level.csv",
		"2019-2020/2018-2019/england_census.csv", "201819/england_census.csv", "england_census.csv",
		"sen_school_wise_2022-23_subset.csv", "2099-2100/x.csv", "2019_20/x.csv", "20192020/x.csv",
		"/tmp/TestX2023/001/perf-2018-2019/england_abs.csv", "data/2018-2020/x.csv",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		y, err := yearFromPath(path)
		if err != nil {
			if y != "" || !strings.Contains(err.Error(), "academic year") {
				t.Errorf("error %v with year %q", err, y)
			}
			return
		}
		if !yearShape.MatchString(y) {
			t.Fatalf("year %q from %q", y, path)
		}
		start, end := (int(y[2]-'0')*10 + int(y[3]-'0')), int(y[5]-'0')*10+int(y[6]-'0')
		if end != (start+1)%100 {
			t.Errorf("year %q from %q: not consecutive", y, path)
		}
		if !strings.Contains(path, y[:4]) {
			t.Errorf("year %q not in %q", y, path)
		}
	})
}

// FuzzAppealRateCSV: the presentation-table parser either returns an error
// or a rectangular long table whose every row names its source line.
func FuzzAppealRateCSV(f *testing.F) {
	for _, name := range []string{"appeal_rate_small.csv", "appeal_rate_truncated.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	if dir := os.Getenv("SENDASH_REAL_DATA"); dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, "tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv")); err == nil {
			f.Add(b[:min(len(b), 6000)])
		}
	}
	f.Add([]byte("Appeal rate to the SEND Tribunal\nLocal Authority,2014\n,Appeals registered\nA,1\n"))
	f.Add([]byte("SEND Tribunal appeal rate\nLA,,2014\n,,appeals registered\nX,1,2,3,4\n"))
	path := filepath.Join(f.TempDir(), "appeal.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ParseAppealRateCSV(fuzzFile(t, path, data))
		if err != nil {
			if tab != nil {
				t.Errorf("table and error %v", err)
			}
			return
		}
		checkRawTable(t, tab)
	})
}

func checkRawTable(t *testing.T, tab *RawTable) {
	t.Helper()
	if len(tab.Lines) != len(tab.Rows) {
		t.Fatalf("%d lines for %d rows", len(tab.Lines), len(tab.Rows))
	}
	for i, r := range tab.Rows {
		if len(r) != len(tab.Columns) {
			t.Fatalf("row %d has %d cells, %d columns", i, len(r), len(tab.Columns))
		}
		if tab.Lines[i] < 1 {
			t.Fatalf("row %d has line %d", i, tab.Lines[i])
		}
	}
}

// odsZip wraps a content.xml in the minimal OpenDocument container
// (stored, not deflated, so mutations reach the XML).
func odsZip(content []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range []struct {
		name string
		body []byte
	}{{"mimetype", []byte("application/vnd.oasis.opendocument.spreadsheet")}, {"content.xml", content}} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Store})
		w.Write(m.body)
	}
	zw.Close()
	return buf.Bytes()
}

func odsSeeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, name := range []string{"appeal_rate_small.content.xml", "area_send_small.content.xml", "sheet_small.content.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzReadODS feeds arbitrary zip bytes to the ODS reader and, when it
// reads, to the recognisers and parsers of ODS tables.
func FuzzReadODS(f *testing.F) {
	for _, c := range odsSeeds(f) {
		f.Add(odsZip(c))
	}
	f.Add([]byte("PK\x03\x04"))
	if dir := os.Getenv("SENDASH_REAL_DATA"); dir != "" {
		for _, p := range []string{"tribunal-send-la/SEND_Appeal_Rate_Table_2022.ods", "ofsted-area-send/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"} {
			if b, err := os.ReadFile(filepath.Join(dir, p)); err == nil {
				f.Add(b)
			}
		}
	}
	path := filepath.Join(f.TempDir(), "sheet.ods")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzFile(t, path, data)
		sheets, order, err := ReadODS(path)
		if err != nil {
			return
		}
		checkSheets(t, sheets, order)
		h := &Head{Path: path, IsZip: true, Members: zipMembers(path), Sheets: sheets}
		if sheetMatches(h, IsAppealRateTable) {
			if tab, err := ParseAppealRateODS(path); err == nil {
				checkRawTable(t, tab)
			}
		}
		if IsAreaSENDInspections(sheets) {
			if tab, err := ParseAreaSENDInspections(path); err == nil {
				checkRawTable(t, tab)
			}
		}
	})
}

// FuzzODSContent fuzzes content.xml itself (the zip layer's checksum would
// otherwise stop most mutations before the XML decoder sees them).
func FuzzODSContent(f *testing.F) {
	for _, c := range odsSeeds(f) {
		f.Add(c)
	}
	f.Add([]byte(`<t:table xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" t:name="a"><t:table-row t:number-rows-repeated="3"><t:table-cell t:number-columns-repeated="4"><p>x</p></t:table-cell></t:table-row></t:table>`))
	f.Fuzz(func(t *testing.T, content []byte) {
		sheets, order, err := decodeODSContent(bytes.NewReader(content))
		if err != nil {
			return
		}
		checkSheets(t, sheets, order)
	})
}

func checkSheets(t *testing.T, sheets map[string][][]string, order []string) {
	t.Helper()
	if len(order) != len(sheets) {
		t.Fatalf("%d sheet names for %d sheets", len(order), len(sheets))
	}
	for _, name := range order {
		rows := sheets[name]
		if len(rows) > maxODSRows {
			t.Fatalf("sheet %q: %d rows, cap %d", name, len(rows), maxODSRows)
		}
		for _, r := range rows {
			if len(r) > maxODSCols {
				t.Fatalf("sheet %q: row of %d cells, cap %d", name, len(r), maxODSCols)
			}
		}
	}
}

// duckdbCSVErrors are messages DuckDB 1.5 gives for the CSVs sendash
// rejects (short row, long row, open quote, bad UTF-8), the "Possible
// fixes" tail trimmed.
var duckdbCSVErrors = []string{
	"Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 4,5\nExpected Number of Columns: 3 Found: 2\nPossible fixes:\n",
	"Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,2,3,4\nExpected Number of Columns: 3 Found: 4\nPossible fixes:\n",
	"Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,2,\"3\n4,5,6\n\nValue with unterminated quote found.\n\nPossible fixes:\n",
	"Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,2,?\nInvalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.\n\n",
	"IO Error: No files found that match the pattern \"x.csv\"",
}

// FuzzCSVError: turning DuckDB's CSV error text into a LoadError must never
// panic, whatever the message says, and must keep line numbers it reports.
func FuzzCSVError(f *testing.F) {
	for _, m := range duckdbCSVErrors {
		f.Add(m, 3)
	}
	f.Fuzz(func(t *testing.T, msg string, ncols int) {
		ncols = max(0, ncols%300)
		cols := make([]string, ncols)
		for i := range cols {
			cols[i] = "c" + string(rune('a'+i%26))
		}
		err := csvError("f.csv", cols, errors.New(msg))
		if err == nil {
			t.Fatal("nil error")
		}
		if !strings.Contains(err.Error(), "f.csv") {
			t.Errorf("error %q does not name the file", err)
		}
		if le, ok := AsLoadError(err); ok && le.Column > 0 && le.Name != "" && le.Column <= len(cols) && le.Name != cleanColName(cols[le.Column-1]) {
			t.Errorf("column %d named %q, header says %q", le.Column, le.Name, cols[le.Column-1])
		}
	})
}

// csvErrorKnownPanic reports whether msg hits the reported csvError defect:
// "Expected Number of Columns: W Found: G" with G <= W indexes the header at
// min(G+1, W)-1, out of range when W is 0 or larger than the header. DuckDB
// takes W from the header sendash gives it, so only a malformed message can
// do this; remove this guard when csvError checks the index.
func csvErrorKnownPanic(msg string, ncols int) bool {
	if csvLineRe.FindStringSubmatch(msg) == nil {
		return false
	}
	c := csvColsRe.FindStringSubmatch(msg)
	if c == nil {
		return false
	}
	want, _ := strconv.Atoi(c[1])
	got, _ := strconv.Atoi(c[2])
	col := min(got+1, want)
	return got <= want && (col < 1 || col > ncols)
}

// FuzzStagingNames: staging names are what the load SQL and DuckDB see as
// column names; they must be non-empty and distinct (DuckDB compares
// identifiers case-insensitively), one per header cell.
func FuzzStagingNames(f *testing.F) {
	for _, s := range realHeads {
		line, _, _ := strings.Cut(strings.TrimPrefix(s, "\ufeff"), "\n")
		f.Add(line, true)
		f.Add(line, false)
	}
	f.Add("a,a,a,,", false)
	f.Add("time_period,time_period,k$time_period", true)
	f.Fuzz(func(t *testing.T, header string, ees bool) {
		cols := strings.Split(header, ",")
		format := "perf_census"
		if ees {
			format = "ees_tidy"
		}
		names := stagingNames(format, cols)
		if len(names) != len(cols) {
			t.Fatalf("%d names for %d columns", len(names), len(cols))
		}
		seen := map[string]int{}
		for i, n := range names {
			if n == "" {
				t.Errorf("column %d has an empty name", i+1)
			}
			k := strings.ToLower(n)
			if j, dup := seen[k]; dup {
				// DuckDB treats names that differ only in case as equal.
				t.Errorf("columns %d and %d both stage as %q (header %q)", j+1, i+1, n, header)
			}
			seen[k] = i
		}
		if ees {
			missingEES(names)
		}
		for _, n := range names {
			if q := sqlIdent(n); strings.Count(q, `"`)%2 != 0 {
				t.Errorf("identifier %q quoted as %q", n, q)
			}
		}
	})
}
