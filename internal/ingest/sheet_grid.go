package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Helpers shared by the Go parsers of presentation tables and workbooks:
// every parser works on a grid of trimmed text cells with physical lines.

// cellAt returns the cell at 0-based column c, or "" past the row's end
// (or for c < 0, a column the sheet lacks).
func cellAt(cells []string, c int) string {
	if c >= 0 && c < len(cells) {
		return cells[c]
	}
	return ""
}

// lastNonBlank returns the index of the last non-empty cell, or -1.
func lastNonBlank(cells []string) int {
	for i := len(cells) - 1; i >= 0; i-- {
		if cells[i] != "" {
			return i
		}
	}
	return -1
}

// isBlankRow reports whether every cell of a row is empty.
func isBlankRow(cells []string) bool { return lastNonBlank(cells) < 0 }

// columnLetters names a 0-based column as a spreadsheet does: A, Z, AA, AB.
func columnLetters(col int) string {
	var b []byte
	for col++; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

// cellName names a cell as a spreadsheet does, e.g. AB12 (col is 0-based,
// line is the 1-based sheet row).
func cellName(col, line int) string { return fmt.Sprintf("%s%d", columnLetters(col), line) }

// rowRange names the cells of a wide row, e.g. A6:M6.
func rowRange(width, line int) string {
	return cellName(0, line) + ":" + cellName(max(width, 1)-1, line)
}

// sheetGrid numbers sheet rows from 1.
func sheetGrid(rows [][]string) []gridRow {
	g := make([]gridRow, len(rows))
	for i, r := range rows {
		g[i] = gridRow{line: i + 1, cells: r}
	}
	return g
}

// readCSVGrid reads a whole CSV (UTF-8, optional BOM, CRLF or LF) into
// trimmed cells, each record tagged with the physical line it starts on,
// so a quoted field with embedded newlines does not shift later lines.
// Records may differ in width; callers check what their layout needs.
func readCSVGrid(path string) ([]gridRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	var rows []gridRow
	for {
		rec, line, err := nextCSVRecord(path, r)
		if errors.Is(err, io.EOF) {
			return rows, nil
		} else if err != nil {
			return nil, err
		}
		for i := range rec {
			if !utf8.ValidString(rec[i]) {
				return nil, fmt.Errorf("%s line %d column %d: the file is not UTF-8 text (Windows-1252?); re-save it as UTF-8", path, line, i+1)
			}
			rec[i] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, gridRow{line: line, cells: rec})
	}
}

var decimalRE = regexp.MustCompile(`^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$`)

// fractionToPercent turns a stored fraction such as "0.01636" or
// "1.6360276547615255E-2" into the percentage number "1.636" or
// "1.6360276547615255" by moving the decimal point in the text, so no
// binary rounding creeps in. Anything that is not a plain number (a marker
// such as "..", or "4.40%") is returned unchanged.
func fractionToPercent(s string) string {
	m := decimalRE.FindStringSubmatch(s)
	if m == nil || m[2]+m[3] == "" {
		return s
	}
	exp, _ := strconv.Atoi(m[4]) // "" means no exponent: 0
	digits, point := m[2]+m[3], len(m[2])+exp+2
	if point < 1 {
		digits, point = strings.Repeat("0", 1-point)+digits, 1
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	whole := strings.TrimLeft(digits[:point], "0")
	if whole == "" {
		whole = "0"
	}
	out := m[1] + whole
	if frac := strings.TrimRight(digits[point:], "0"); frac != "" {
		out += "." + frac
	}
	return out
}

// headerScanRows is how far down a sheet a header row is looked for.
const headerScanRows = 20

// findHeaderRow returns the index of the first row, within the first
// headerScanRows, that has a cell equal (ignoring case) to every name, or -1.
func findHeaderRow(rows [][]string, names ...string) int {
	for i, row := range rows[:min(len(rows), headerScanRows)] {
		found := true
		for _, n := range names {
			found = found && colIndex(row, n) >= 0
		}
		if found {
			return i
		}
	}
	return -1
}

// colIndex returns the column whose cell equals name ignoring case, or -1.
func colIndex(row []string, name string) int {
	for c, v := range row {
		if strings.EqualFold(strings.TrimSpace(v), name) {
			return c
		}
	}
	return -1
}

// findSheet returns the first sheet, in workbook order, whose header row
// holds every name, with that row's index.
func findSheet(sheets map[string][][]string, order []string, names ...string) (string, int) {
	for _, s := range order {
		if h := findHeaderRow(sheets[s], names...); h >= 0 {
			return s, h
		}
	}
	return "", -1
}

// nextCSVRecord reads one record and the physical line it starts on. A
// malformed record is a LoadError naming path, line and column; the end of
// the file is io.EOF.
func nextCSVRecord(path string, r *csv.Reader) ([]string, int, error) {
	rec, err := r.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return nil, 0, io.EOF
	case errors.As(err, &pe):
		return nil, 0, &LoadError{Path: path, Line: int64(pe.Line), Column: pe.Column, Msg: pe.Err.Error()}
	case err != nil:
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	line, _ := r.FieldPos(0)
	return rec, line, nil
}
