package ingest

import (
	"archive/zip"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads every sheet of an Excel workbook into text cells, indexed
// [row][column] from zero (sheet row 1 is index 0), and returns the sheet
// names in workbook order. Like ReadODS it takes the stored value, not the
// displayed one: numbers are unformatted (a percentage is a fraction, a date
// is its serial day number) and shared strings are resolved to their text.
// Values are trimmed of surrounding whitespace; trailing empty cells and
// rows are dropped.
func ReadXLSX(path string) (map[string][][]string, []string, error) {
	if err := checkXLSX(path); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxArchiveBytes})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: open xlsx: %w", path, err)
	}
	defer f.Close()
	order := f.GetSheetList()
	sheets := make(map[string][][]string, len(order))
	for _, name := range order {
		rows, err := readXLSXSheet(f, name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: sheet %s: %w", path, quote(name), err)
		}
		sheets[name] = rows
	}
	return sheets, order, nil
}

// checkXLSX refuses a workbook that would inflate past the limits in
// limits.go before excelize reads it: excelize holds shared strings and
// small sheets in memory and writes big ones to temporary files.
func checkXLSX(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("open xlsx: %w", err)
	}
	defer zr.Close()
	if err := checkArchive(zr.File); err != nil {
		return err
	}
	return scanXLSXMembers(zr.File)
}

// readXLSXSheet streams one worksheet. Unlike excelize's GetRows it reports
// a cell that cannot be read instead of silently stopping.
func readXLSXSheet(f *excelize.File, name string) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	cellCount := 0
	for line := 1; it.Next(); line++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, fmt.Errorf("row %d: %w", line, err)
		}
		cells = trimCells(cells)
		if len(cells) == 0 {
			continue
		}
		if cellCount += len(cells); cellCount > maxSheetCells {
			it.Close()
			return nil, fmt.Errorf("row %d: more than %d cells in one sheet, %w", line, maxSheetCells, errTooBig)
		}
		for len(rows) < line-1 {
			rows = append(rows, nil) // keep row index = sheet row - 1
		}
		rows = append(rows, cells)
	}
	if err := it.Error(); err != nil {
		it.Close()
		return nil, err
	}
	return rows, it.Close()
}

// trimCells trims each cell and drops the empty cells at the end of a row.
func trimCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n]
}
