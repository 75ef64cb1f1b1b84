package ingest

// RawTable is a file that Go had to parse itself (spreadsheets, presentation
// tables) flattened into text cells, ready to be appended to the staging
// table `raw` that the load SQL reads. Every row keeps the physical line
// (1-based row of the sheet or file) and, where a row holds one value, the
// spreadsheet column letter it came from, so a bad value can be reported by
// file, line and column.
type RawTable struct {
	// Columns are the staging column names, all loaded as VARCHAR.
	Columns []string
	// Rows hold one cell per column; an empty string is a blank cell.
	Rows [][]string
	// Lines holds the 1-based source line (or sheet row) of each row.
	Lines []int
	// Header, when set, is the file's own header in file order: load
	// checks name a staged column's position in the file from it, for
	// parsers that stage only some of a file's columns. Nil means Columns.
	Header []string
}

// Append adds one row with its source line.
func (t *RawTable) Append(line int, cells ...string) {
	t.Rows = append(t.Rows, cells)
	t.Lines = append(t.Lines, line)
}
