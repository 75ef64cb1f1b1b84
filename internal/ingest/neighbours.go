package ingest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
)

// The DfE children's services statistical neighbours workbook (as used by
// LAIT) has one sheet, "LA SN Groups": two helper rows of column letters and
// numbers, a header row ("LA num", "LA Name", "LA number", "GOInd", "GOReg",
// then SN1, SNP, SN2, SNP, ... SN10, SNP), one row per LA giving each
// neighbour's old 3-digit code and a closeness word ("Very close"), and
// below a blank row an "Old SNs:" section for LAs that no longer exist
// (Dorset, Poole and Bournemouth before 2019, Northamptonshire, Cumbria).

// neighbourColumns are the staging columns of the neighbours workbook.
// Closeness is the word printed in the SNP column after each neighbour;
// section is "" for the main list and the label printed above a later
// section (e.g. "Old SNs:") for the rows below it.
var neighbourColumns = []string{"la_code", "la_name", "rank", "neighbour_code", "neighbour_name", "closeness", "section", "cell"}

var snColumnRE = regexp.MustCompile(`(?i)^SN(\d+)$`)

// neighbourHeader names the columns of the neighbours sheet.
type neighbourHeader struct {
	codeCol, nameCol int
	rankCols         map[int]int // column -> neighbour rank
	closeCols        map[int]int // neighbour column -> its SNP column, if any
	lastCol          int
}

// IsNeighboursWorkbook recognises the statistical-neighbours workbook: a
// sheet whose header row has "LA Name", "SN1" and "SNP" (closeness).
func IsNeighboursWorkbook(sheets map[string][][]string) bool {
	s, _ := findSheet(sheets, slices.Sorted(maps.Keys(sheets)), "LA Name", "SN1", "SNP")
	return s != ""
}

// ParseNeighbours reads the statistical-neighbours workbook into one row
// per LA and neighbour rank; neighbour names are looked up from the LA rows
// of the same sheet (blank when the code has no row of its own). Lines are
// sheet rows and cell names the neighbour's code cell.
func ParseNeighbours(path string) (*RawTable, error) {
	sheets, order, err := ReadXLSX(path)
	if err != nil {
		return nil, err
	}
	name, h := findSheet(sheets, order, "LA Name", "SN1", "SNP")
	if name == "" {
		return nil, fmt.Errorf("%s: no sheet has an \"LA Name\", \"SN1\", \"SNP\" header", path)
	}
	rows := sheets[name]
	hdr, err := parseNeighbourHeader(rows[h])
	if err != nil {
		return nil, fmt.Errorf("%s line %d: %w", path, h+1, err)
	}
	names := map[string]string{}
	for _, r := range rows[h+1:] {
		if c := cellAt(r, hdr.codeCol); c != "" && names[c] == "" {
			names[c] = cellAt(r, hdr.nameCol)
		}
	}
	t := &RawTable{Columns: neighbourColumns}
	section := ""
	for i := h + 1; i < len(rows); i++ {
		r, line := rows[i], i+1
		switch {
		case isBlankRow(r):
		case cellAt(r, hdr.codeCol) == "":
			section = r[lastNonBlank(r)] // a section label such as "Old SNs:"
		default:
			if err := appendNeighbourRow(path, hdr, names, section, r, line, t); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// parseNeighbourHeader finds the LA code and name columns and each SNn
// column with the SNP closeness column right of it.
func parseNeighbourHeader(row []string) (neighbourHeader, error) {
	hdr := neighbourHeader{codeCol: colIndex(row, "LA num"), nameCol: colIndex(row, "LA Name"),
		rankCols: map[int]int{}, closeCols: map[int]int{}}
	if hdr.codeCol < 0 {
		hdr.codeCol = colIndex(row, "LA number")
	}
	if hdr.codeCol < 0 {
		return hdr, fmt.Errorf("no \"LA num\" column")
	}
	for c, v := range row {
		m := snColumnRE.FindStringSubmatch(v)
		if m == nil {
			continue
		}
		hdr.rankCols[c], _ = strconv.Atoi(m[1])
		hdr.lastCol = max(hdr.lastCol, c)
		if colIndex(row[c+1:min(c+2, len(row))], "SNP") == 0 {
			hdr.closeCols[c] = c + 1
		}
	}
	return hdr, nil
}

// appendNeighbourRow emits one row per neighbour of one LA. A code that is
// not a number, or an LA row without any neighbour, is an error.
func appendNeighbourRow(path string, hdr neighbourHeader, names map[string]string, section string, r []string, line int, t *RawTable) error {
	code := cellAt(r, hdr.codeCol)
	if _, err := strconv.Atoi(code); err != nil {
		return fmt.Errorf("%s line %d column %d: LA code %s is not a number", path, line, hdr.codeCol+1, quote(code))
	}
	n := 0
	for _, c := range slices.Sorted(maps.Keys(hdr.rankCols)) {
		nb := cellAt(r, c)
		if nb == "" {
			continue
		}
		if _, err := strconv.Atoi(nb); err != nil {
			return fmt.Errorf("%s line %d column %d: neighbour code %s is not a number", path, line, c+1, quote(nb))
		}
		closeness := ""
		if cc, ok := hdr.closeCols[c]; ok {
			closeness = cellAt(r, cc)
		}
		t.Append(line, code, cellAt(r, hdr.nameCol), strconv.Itoa(hdr.rankCols[c]), nb, names[nb], closeness, section, cellName(c, line))
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s line %d column %d: LA %s has no neighbours", path, line, hdr.lastCol+1, code)
	}
	return nil
}

// laCodeListColumns are the staging columns of the LAIT LA code list.
var laCodeListColumns = []string{"la_code", "la_name", "region", "la_type", "cell"}

// IsLACodeList recognises the LAIT LA code list: a sheet headed "LA Number",
// "LA Name", "Region" (and usually "Type").
func IsLACodeList(sheets map[string][][]string) bool {
	s, _ := findSheet(sheets, slices.Sorted(maps.Keys(sheets)), "LA Number", "LA Name", "Region")
	return s != ""
}

// ParseLACodeList reads the LAIT LA code list, one row per LA or region
// (old 3-digit LA numbers, 970 England, 980-990 regions), values as printed
// ("NA" included). Lines are sheet rows and cell the row's range.
func ParseLACodeList(path string) (*RawTable, error) {
	sheets, order, err := ReadXLSX(path)
	if err != nil {
		return nil, err
	}
	name, h := findSheet(sheets, order, "LA Number", "LA Name", "Region")
	if name == "" {
		return nil, fmt.Errorf("%s: no sheet has an \"LA Number\", \"LA Name\", \"Region\" header", path)
	}
	rows := sheets[name]
	cols := []int{colIndex(rows[h], "LA Number"), colIndex(rows[h], "LA Name"), colIndex(rows[h], "Region"), colIndex(rows[h], "Type")}
	width := len(rows[h])
	t := &RawTable{Columns: laCodeListColumns}
	for i := h + 1; i < len(rows); i++ {
		r, line := rows[i], i+1
		if isBlankRow(r) {
			continue
		}
		if c := lastNonBlank(r); c >= width {
			return nil, fmt.Errorf("%s line %d column %d: value %s has no header", path, line, c+1, quote(r[c]))
		}
		if cellAt(r, cols[0]) == "" {
			return nil, fmt.Errorf("%s line %d column %d: blank LA number", path, line, cols[0]+1)
		}
		vals := make([]string, 0, len(laCodeListColumns))
		for _, c := range cols {
			vals = append(vals, cellAt(r, c)) // c = -1 (no Type column) gives ""
		}
		t.Append(line, append(vals, rowRange(width, line))...)
	}
	return t, nil
}
