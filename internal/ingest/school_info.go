package ingest

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The performance tables' school information ("spine"): one row per school
// with its name, address, postcode, type, phase flags, age range and open
// and close dates. The 2017-18 download is an xlsx (2017-2018_england_spine.xlsx),
// later ones a CSV (england_school_information.csv) with the same columns.
// Both are staged through Go into the same columns, so one load SQL
// (queries/load/school_info.sql) serves both.

// schoolInfoColumns are the staged columns, in the order the load SQL reads.
var schoolInfoColumns = []string{"URN", "LA", "ESTAB", "LAESTAB", "SCHNAME", "STREET", "LOCALITY",
	"ADDRESS3", "TOWN", "POSTCODE", "MINORGROUP", "NFTYPE", "ISPRIMARY", "ISSECONDARY", "ISPOST16",
	"AGEL", "AGEH", "GENDER", "OPENDATE", "CLOSEDATE"}

// schoolInfoRequired must be in the header; the others are blank when absent.
var schoolInfoRequired = []string{"URN", "SCHNAME", "STREET", "TOWN", "POSTCODE"}

// schoolInfoAliases are later downloads' names for the same columns.
var schoolInfoAliases = map[string]string{"SCHOOLTYPE": "NFTYPE", "AGELOW": "AGEL", "AGEHIGH": "AGEH"}

// isSchoolInfoHeader recognises the school list by its header: a URN and a
// school name beside at least two of its address and type columns.
func isSchoolInfoHeader(cols []string) bool {
	if colIndex(cols, "URN") < 0 || colIndex(cols, "SCHNAME") < 0 {
		return false
	}
	n := 0
	for _, c := range []string{"STREET", "TOWN", "POSTCODE", "MINORGROUP", "NFTYPE", "LAESTAB"} {
		if colIndex(cols, c) >= 0 {
			n++
		}
	}
	return n >= 2
}

// isSchoolInfoSheet recognises a workbook sheet whose first row is the school list's header.
func isSchoolInfoSheet(rows [][]string) bool { return len(rows) > 0 && isSchoolInfoHeader(rows[0]) }

// ParseSchoolInfoXLSX stages the school list from a workbook: the first
// sheet whose first row is its header. Cells are read by their reference,
// so an empty cell (absent from the XML) stays in its column; dates stored
// as Excel serial days become YYYY-MM-DD.
func ParseSchoolInfoXLSX(path string) (*RawTable, error) {
	sheets, order, err := ReadXLSX(path)
	if err != nil {
		return nil, err
	}
	for _, name := range order {
		if isSchoolInfoSheet(sheets[name]) {
			return schoolInfoTable(path, sheetGrid(sheets[name]), true)
		}
	}
	return nil, &LoadError{Path: path, Line: 1, Msg: "no sheet starts with the school information header (URN, SCHNAME, ...)"}
}

// ParseSchoolInfoCSV stages the school list from its CSV download.
func ParseSchoolInfoCSV(path string) (*RawTable, error) {
	grid, err := readCSVGrid(path)
	if err != nil {
		return nil, err
	}
	return schoolInfoTable(path, grid, false)
}

// schoolInfoTable maps the file's columns onto schoolInfoColumns. A
// required column missing from the header, or a value under an empty header
// cell, stops the load naming the file, line and column.
func schoolInfoTable(path string, grid []gridRow, xlsx bool) (*RawTable, error) {
	if len(grid) == 0 {
		return nil, &LoadError{Path: path, Line: 1, Msg: "the file is empty"}
	}
	head := grid[0]
	header := make([]string, len(head.cells))
	for i, c := range head.cells {
		c = strings.ToUpper(strings.TrimSpace(c))
		header[i] = cmp.Or(schoolInfoAliases[c], c)
	}
	if err := checkHeader(path, head.line, header, schoolInfoRequired); err != nil {
		return nil, err
	}
	idx := make([]int, len(schoolInfoColumns))
	for i, c := range schoolInfoColumns {
		idx[i] = slices.Index(header, c)
	}
	t := &RawTable{Columns: schoolInfoColumns, Header: header}
	for _, r := range grid[1:] {
		if isBlankRow(r.cells) {
			continue
		}
		if err := checkUnheaded(path, r, header); err != nil {
			return nil, err
		}
		vals := make([]string, len(idx))
		for i, c := range idx {
			vals[i] = cellAt(r.cells, c)
			if xlsx && strings.HasSuffix(schoolInfoColumns[i], "DATE") {
				vals[i] = excelSerialDate(vals[i])
			}
		}
		t.Append(r.line, vals...)
	}
	return t, nil
}

// checkHeader fails when a required column is missing, naming the first
// empty header cell (where the name was probably lost) or the column after
// the last.
func checkHeader(path string, line int, header, required []string) error {
	for _, want := range required {
		if slices.Contains(header, want) {
			continue
		}
		col := slices.Index(header, "") + 1
		if col == 0 {
			col = len(header) + 1
		}
		return &LoadError{Path: path, Line: int64(line), Column: col,
			Msg: fmt.Sprintf("the header has no %s column (is this header cell empty?)", want)}
	}
	return nil
}

// checkUnheaded fails on a value under an empty header cell or past the
// header's last column: its meaning is unknown.
func checkUnheaded(path string, r gridRow, header []string) error {
	for c, v := range r.cells {
		if v != "" && (c >= len(header) || header[c] == "") {
			return &LoadError{Path: path, Line: int64(r.line), Column: c + 1,
				Msg: fmt.Sprintf("value %s has no column name in the header", quote(v))}
		}
	}
	return nil
}

var excelSerialRE = regexp.MustCompile(`^[0-9]{1,5}(\.0+)?$`)

// excelSerialDate turns an Excel serial day (43709) into 2019-09-01;
// anything else is returned unchanged for the load SQL to check.
func excelSerialDate(v string) string {
	if !excelSerialRE.MatchString(v) {
		return v
	}
	n, _ := strconv.ParseFloat(v, 64)
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format("2006-01-02")
}
