package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The SEND appeal-rate presentation table (MoJ/DfE, "Appeal rate to the SEND
// Tribunal based on total appealable decisions, by local authorities") is a
// printed layout, not a data file: title rows, a year row ("Local
// Authority", ["LA code",] 2014, , , 2015, ...), a measure row ("Appeals
// registered4", "Total Appealable Decisions1", "SEND Tribunal Appeal Rate2",
// and from 2024 two "In development: ..." columns), CAPITALS region rows, LA
// rows with footnote digits on names, an England total, then sources and
// numbered footnotes. DfE distributes it as CSV, MoJ as ODS.

// appealRateColumns are the staging columns of the long form.
var appealRateColumns = []string{"region", "la_name", "la_code", "year", "measure", "value", "cell"}

// gridRow is one row of a sheet or CSV with its 1-based physical line.
type gridRow struct {
	line  int
	cells []string
}

// appealRateSource says how one physical form of the table differs.
type appealRateSource struct {
	path string
	// strictWidth: every CSV record must be as wide as the header, while a
	// spreadsheet drops trailing empty cells so short rows are padded.
	strictWidth bool
	// fractionRates: the ODS stores a rate as a fraction (0.01636 shown as
	// 1.6%); it is emitted as a percentage number (1.636) so both forms
	// carry the same quantity. This is the one value conversion done in Go.
	fractionRates bool
	cellName      func(col, line int) string // col is 0-based
}

// appealRateHeader is what the year and measure rows say about each column.
type appealRateHeader struct {
	codeCol  int // -1 when the table has no LA code column (the ODS)
	width    int
	years    []int    // per column, 0 for label columns
	measures []string // per column, "" for label columns
}

// appealRateTable is the parsed table with the footnotes printed below it.
type appealRateTable struct {
	raw       *RawTable
	footnotes map[int]string
}

var (
	yearCellRE     = regexp.MustCompile(`^(\d{4})[\d,]*$`)
	footnoteLineRE = regexp.MustCompile(`(?s)^(\d+)\.\s*(.*)$`)
	tableEndRE     = regexp.MustCompile(`(?i)^(sources?|notes?)\s*:`)
)

// IsAppealRateTable recognises the appeal-rate table by content: a title
// mentioning "Appeal rate" and "SEND Tribunal", then a year row (a year right
// of the label column) directly followed by a measure row that
// contains "Appeals registered".
func IsAppealRateTable(firstRows [][]string) bool {
	hdr := findAppealRateHeader(firstRows)
	if hdr < 0 {
		return false
	}
	for _, row := range firstRows[:hdr] {
		t := strings.ToLower(strings.Join(row, " "))
		if strings.Contains(t, "appeal rate") && strings.Contains(t, "send tribunal") {
			return true
		}
	}
	return false
}

// findAppealRateHeader returns the index of the year row, or -1.
func findAppealRateHeader(rows [][]string) int {
	for i := 0; i+1 < len(rows); i++ {
		years := 0
		for c := 1; c < len(rows[i]); c++ {
			if _, ok := parseYearCell(rows[i][c]); ok {
				years++
			}
		}
		if years >= 1 && strings.Contains(strings.ToLower(strings.Join(rows[i+1], " ")), "appeals registered") {
			return i
		}
	}
	return -1
}

// parseYearCell reads a calendar year, allowing trailing footnote digits.
func parseYearCell(s string) (int, bool) {
	m := yearCellRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, y >= 1990 && y <= 2100
}

// ParseAppealRateCSV reads the CSV form of the appeal-rate table into long
// form; lines are physical lines, so a quoted field spanning lines counts.
func ParseAppealRateCSV(path string) (*RawTable, error) {
	rows, err := readCSVGrid(path)
	if err != nil {
		return nil, err
	}
	src := appealRateSource{path: path, strictWidth: true,
		cellName: func(col, _ int) string { return fmt.Sprintf("col %d", col+1) }}
	t, err := parseAppealRate(src, rows)
	if err != nil {
		return nil, err
	}
	return t.raw, nil
}

// ParseAppealRateODS reads the ODS form (the first sheet holding the table,
// SEND_2 in MoJ's workbook) into the same long form; lines are sheet rows.
func ParseAppealRateODS(path string) (*RawTable, error) {
	t, err := parseAppealRateODS(path)
	if err != nil {
		return nil, err
	}
	return t.raw, nil
}

// parseAppealRateODS finds the table's sheet and parses it.
func parseAppealRateODS(path string) (*appealRateTable, error) {
	sheets, order, err := ReadODS(path)
	if err != nil {
		return nil, err
	}
	for _, name := range order {
		rows := sheets[name]
		if !IsAppealRateTable(rows[:min(len(rows), 20)]) {
			continue
		}
		src := appealRateSource{path: path, fractionRates: true, cellName: cellName}
		return parseAppealRate(src, sheetGrid(rows))
	}
	return nil, fmt.Errorf("%s: no sheet holds the SEND appeal-rate table", path)
}

// parseAppealRate walks the table below its header: region rows set the
// region, LA and England rows become one staging row per measure column,
// and the first "Sources:" or "Notes:" row ends the table.
func parseAppealRate(src appealRateSource, rows []gridRow) (*appealRateTable, error) {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = r.cells
	}
	h := findAppealRateHeader(cells)
	if h < 0 {
		return nil, fmt.Errorf("%s: no year row followed by an \"Appeals registered\" measure row", src.path)
	}
	hdr, err := parseAppealRateHeader(src, rows[h], rows[h+1])
	if err != nil {
		return nil, err
	}
	t := &appealRateTable{raw: &RawTable{Columns: appealRateColumns}, footnotes: map[int]string{}}
	region := ""
	for i := h + 2; i < len(rows); i++ {
		r := rows[i]
		first := cellAt(r.cells, 0)
		switch {
		case isBlankRow(r.cells):
		case tableEndRE.MatchString(first):
			readFootnotes(rows[i:], t.footnotes)
			return t, nil
		case isRegionRow(r.cells):
			region = first
		default:
			if err := appendAppealRateRow(src, hdr, region, r, t.raw); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// parseAppealRateHeader reads the label columns, the year each measure
// column belongs to (a year cell covers the columns up to the next), and
// which measure each column holds.
func parseAppealRateHeader(src appealRateSource, yearRow, measureRow gridRow) (appealRateHeader, error) {
	hdr := appealRateHeader{codeCol: -1, width: lastNonBlank(measureRow.cells) + 1}
	hdr.years, hdr.measures = make([]int, hdr.width), make([]string, hdr.width)
	if w := lastNonBlank(yearRow.cells) + 1; w > hdr.width {
		return hdr, fmt.Errorf("%s line %d column %d: year row is wider than the measure row below it", src.path, yearRow.line, w)
	}
	year, seen := 0, map[string]bool{}
	for c := 0; c < hdr.width; c++ {
		label := cellAt(yearRow.cells, c)
		if y, ok := parseYearCell(label); ok {
			year = y
		} else if label != "" && year != 0 {
			return hdr, fmt.Errorf("%s line %d column %d: unparsable year %s", src.path, yearRow.line, c+1, quote(label))
		} else if year == 0 {
			if c > 0 && strings.Contains(strings.ToLower(label), "code") {
				hdr.codeCol = c
			}
			continue
		}
		m, ok := appealRateMeasure(cellAt(measureRow.cells, c))
		key := fmt.Sprint(year, m)
		if !ok || seen[key] {
			return hdr, fmt.Errorf("%s line %d column %d: unknown or repeated measure %s for %d", src.path, measureRow.line, c+1, quote(cellAt(measureRow.cells, c)), year)
		}
		seen[key], hdr.years[c], hdr.measures[c] = true, year, m
	}
	return hdr, nil
}

// appealRateMeasure names a measure column by its printed label.
func appealRateMeasure(label string) (string, bool) {
	l := strings.ToLower(label)
	suffix := ""
	if strings.Contains(l, "in development") {
		suffix = "_in_development"
	}
	switch {
	case strings.Contains(l, "appeals registered") && suffix == "":
		return "appeals", true
	case strings.Contains(l, "appealable decisions"):
		return "decisions" + suffix, true
	case strings.Contains(l, "appeal rate"):
		return "rate" + suffix, true
	}
	return "", false
}

// appendAppealRateRow emits one staging row per measure column of an LA or
// England row. England rows get a blank region: they sit under the last
// region heading but belong to none.
func appendAppealRateRow(src appealRateSource, hdr appealRateHeader, region string, r gridRow, raw *RawTable) error {
	if src.strictWidth && len(r.cells) < hdr.width {
		return fmt.Errorf("%s line %d column %d: row has %d columns, the header has %d", src.path, r.line, len(r.cells)+1, len(r.cells), hdr.width)
	}
	if c := lastNonBlank(r.cells); c >= hdr.width {
		return fmt.Errorf("%s line %d column %d: value %s is right of the last measure column", src.path, r.line, c+1, quote(r.cells[c]))
	}
	name, code := cellAt(r.cells, 0), ""
	if name == "" || lastNonBlank(r.cells) == 0 {
		return fmt.Errorf("%s line %d column 1: a table row needs a name and values, got %s", src.path, r.line, quote(strings.Join(r.cells, ",")))
	}
	if hdr.codeCol >= 0 {
		code = cellAt(r.cells, hdr.codeCol)
	}
	if strings.HasPrefix(strings.ToLower(name), "england") {
		region = ""
	}
	for c := 0; c < hdr.width; c++ {
		if hdr.measures[c] == "" {
			continue
		}
		v := cellAt(r.cells, c)
		if src.fractionRates && strings.HasPrefix(hdr.measures[c], "rate") {
			v = fractionToPercent(v)
		}
		raw.Append(r.line, region, name, code, strconv.Itoa(hdr.years[c]), hdr.measures[c], v, src.cellName(c, r.line))
	}
	return nil
}

// isRegionRow reports whether a row is a CAPITALS heading with no values.
func isRegionRow(cells []string) bool {
	name := cellAt(cells, 0)
	return name != "" && lastNonBlank(cells) == 0 && name == strings.ToUpper(name) && strings.ToLower(name) != name
}

// readFootnotes collects "N. text" notes printed below the table.
func readFootnotes(rows []gridRow, notes map[int]string) {
	for _, r := range rows {
		for _, c := range r.cells {
			if m := footnoteLineRE.FindStringSubmatch(c); m != nil {
				n, _ := strconv.Atoi(m[1])
				notes[n] = m[2]
				break
			}
		}
	}
}
