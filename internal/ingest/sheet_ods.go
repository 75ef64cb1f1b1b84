package ingest

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// OpenDocument namespaces used by content.xml.
const (
	nsODSTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsODSOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsODSText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// Spreadsheet applications pad sheets with "repeat this empty row a million
// times"; empty rows and cells are only materialised when something follows
// them, and non-empty repeats are capped at these sizes.
// maxSheetCells (limits.go) bounds a sheet's materialised cells, and
// maxODSSpaces one text:s run, so a few hundred bytes of hostile XML
// ("repeat this 16384-cell row a million times") fail instead of
// exhausting memory.
const (
	maxODSRows   = 1 << 20
	maxODSCols   = 1 << 14
	maxODSSpaces = 1 << 10
)

// ReadODS reads every sheet of an OpenDocument spreadsheet into text cells,
// indexed [row][column] from zero (sheet row 1 is index 0), and returns the
// sheet names in workbook order. Numbers, percentages and currency come from
// office:value (the exact stored number, so a percentage is a fraction such
// as 0.01636), other cells from their text; values are trimmed of
// surrounding whitespace and trailing empty cells and rows are dropped.
func ReadODS(path string) (map[string][][]string, []string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: open ods: %w", path, err)
	}
	defer zr.Close()
	if err := checkArchive(zr.File); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, f := range zr.File {
		if f.Name != "content.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: open content.xml: %w", path, err)
		}
		defer rc.Close()
		sheets, order, err := decodeODSContent(&textRunReader{r: rc})
		if err != nil {
			return nil, nil, fmt.Errorf("%s: content.xml: %w", path, err)
		}
		return sheets, order, nil
	}
	return nil, nil, fmt.Errorf("%s: not an OpenDocument spreadsheet: no content.xml", path)
}

// odsSheet collects one table's rows while content.xml streams past.
type odsSheet struct {
	rows       [][]string
	emptyRows  int // empty rows seen but not yet materialised
	row        []string
	emptyCells int // empty cells seen in row but not yet materialised
	rowRepeat  int
	cells      int // cells materialised so far, bounded by maxSheetCells
}

// odsCell collects one cell's value while its element streams past.
type odsCell struct {
	repeat    int
	valueType string
	value     string // office:value and friends, for typed cells
	text      strings.Builder
	inPara    bool
}

// odsDecoder holds the state of one streaming pass over content.xml.
type odsDecoder struct {
	sheets map[string][][]string
	order  []string
	name   string
	sheet  *odsSheet
	cell   *odsCell
	depth  int // table:table nesting; only top-level tables are sheets
	err    error
}

// where names the sheet and row being read when err happened.
func (d *odsDecoder) where(err error) error {
	if d.sheet == nil {
		return err
	}
	return fmt.Errorf("sheet %s row %d: %w", quote(d.name), len(d.sheet.rows)+d.sheet.emptyRows+1, err)
}

// decodeODSContent streams content.xml, building each top-level table:table.
func decodeODSContent(r io.Reader) (map[string][][]string, []string, error) {
	dec := xml.NewDecoder(r)
	d := &odsDecoder{sheets: map[string][][]string{}}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return d.sheets, d.order, nil
		}
		if err == nil {
			err = d.err
		}
		if err != nil {
			return nil, nil, d.where(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if isODSAside(t.Name) {
				if err := dec.Skip(); err != nil {
					return nil, nil, err
				}
				continue
			}
			d.start(t)
		case xml.CharData:
			if d.cell != nil && d.cell.inPara {
				d.cell.text.Write(t)
				d.cell.checkSize(d)
			}
		case xml.EndElement:
			d.end(t)
		}
	}
}

// start opens a sheet, row or cell, or passes text markup to the cell.
func (d *odsDecoder) start(t xml.StartElement) {
	isTable := t.Name.Space == nsODSTable
	switch {
	case isTable && t.Name.Local == "table":
		d.depth++
		if d.depth == 1 {
			d.name, d.sheet = odsAttr(t, nsODSTable, "name"), &odsSheet{}
		}
	case d.depth != 1:
		// inside a sub-table: ignored
	case isTable && t.Name.Local == "table-row":
		d.sheet.row, d.sheet.emptyCells = nil, 0
		d.sheet.rowRepeat = odsRepeat(t, "number-rows-repeated")
	case isODSCell(t.Name):
		d.cell = newODSCell(t)
	case d.cell != nil:
		d.cell.start(t)
		d.cell.checkSize(d)
	}
}

// end closes a sheet, row, cell or paragraph.
func (d *odsDecoder) end(t xml.EndElement) {
	isTable := t.Name.Space == nsODSTable
	switch {
	case isTable && t.Name.Local == "table":
		d.depth--
		if d.depth == 0 {
			if _, dup := d.sheets[d.name]; !dup {
				d.order = append(d.order, d.name)
			}
			d.sheets[d.name], d.sheet = d.sheet.rows, nil
		}
	case d.depth != 1:
	case isODSCell(t.Name) && d.cell != nil:
		d.sheet.addCell(d.cell)
		d.cell = nil
	case isTable && t.Name.Local == "table-row":
		if !d.sheet.endRow() && d.err == nil {
			d.err = fmt.Errorf("more than %d cells in one sheet, %w", maxSheetCells, errTooBig)
		}
	case t.Name.Space == nsODSText && (t.Name.Local == "p" || t.Name.Local == "h") && d.cell != nil:
		d.cell.inPara = false
	}
}

// isODSAside reports whether an element holds text that is not the cell's
// value: a comment (office:annotation) or a footnote body (text:note).
func isODSAside(n xml.Name) bool {
	return (n.Space == nsODSOffice && n.Local == "annotation") || (n.Space == nsODSText && n.Local == "note")
}

// isODSCell reports whether the element is a cell, including a cell hidden
// under a merged neighbour (covered-table-cell), which still takes a column.
func isODSCell(n xml.Name) bool {
	return n.Space == nsODSTable && (n.Local == "table-cell" || n.Local == "covered-table-cell")
}

// newODSCell reads a cell's repeat count and typed value attributes.
func newODSCell(t xml.StartElement) *odsCell {
	c := &odsCell{repeat: odsRepeat(t, "number-columns-repeated")}
	c.valueType = odsAttr(t, nsODSOffice, "value-type")
	switch c.valueType {
	case "float", "percentage", "currency":
		c.value = odsAttr(t, nsODSOffice, "value")
	case "date":
		c.value = odsAttr(t, nsODSOffice, "date-value")
	case "time":
		c.value = odsAttr(t, nsODSOffice, "time-value")
	case "boolean":
		c.value = odsAttr(t, nsODSOffice, "boolean-value")
	case "string":
		c.value = odsAttr(t, nsODSOffice, "string-value") // formula results
	}
	return c
}

// start handles an element inside a cell: paragraphs, spaces, tabs and
// line breaks become text; spans and links are just descended into.
func (c *odsCell) start(t xml.StartElement) {
	if t.Name.Space != nsODSText {
		return
	}
	switch t.Name.Local {
	case "p", "h":
		if c.text.Len() > 0 {
			c.text.WriteByte('\n') // paragraphs of one cell
		}
		c.inPara = true
	case "s":
		n := 1
		if v, err := strconv.Atoi(odsAttr(t, nsODSText, "c")); err == nil && v > 0 {
			n = min(v, maxODSSpaces)
		}
		c.text.WriteString(strings.Repeat(" ", n))
	case "tab":
		c.text.WriteByte('\t')
	case "line-break":
		c.text.WriteByte('\n')
	}
}

// checkSize stops the decoder once the cell's text passes maxCellBytes:
// text:s and text:p elements, each a few compressed bytes, can add up to
// gigabytes in one cell.
func (c *odsCell) checkSize(d *odsDecoder) {
	if c.text.Len() > maxCellBytes && d.err == nil {
		d.err = fmt.Errorf("a cell's text passes %s, %w", mib(maxCellBytes), errTooBig)
	}
}

// cellValue is the stored value for typed cells (falling back to the text
// when a typed cell carries no value attribute), otherwise the text.
func (c *odsCell) cellValue() string {
	if c.value != "" {
		return strings.TrimSpace(c.value)
	}
	return strings.TrimSpace(c.text.String())
}

// addCell appends a (possibly repeated) cell to the current row, holding
// back empty cells until a non-empty one shows they are not trailing.
func (s *odsSheet) addCell(c *odsCell) {
	v := c.cellValue()
	if v == "" {
		s.emptyCells = min(s.emptyCells+c.repeat, maxODSCols)
		return
	}
	for ; s.emptyCells > 0 && len(s.row) < maxODSCols; s.emptyCells-- {
		s.row = append(s.row, "")
	}
	s.emptyCells = 0
	for i := 0; i < c.repeat && len(s.row) < maxODSCols; i++ {
		s.row = append(s.row, v)
	}
}

// endRow appends the finished row (repeated as declared), holding back
// empty rows until a non-empty one shows they are not trailing. It reports
// false when the sheet would pass maxSheetCells.
func (s *odsSheet) endRow() bool {
	if len(s.row) == 0 {
		s.emptyRows = min(s.emptyRows+s.rowRepeat, maxODSRows)
		return true
	}
	for ; s.emptyRows > 0 && len(s.rows) < maxODSRows; s.emptyRows-- {
		s.rows = append(s.rows, nil)
	}
	s.emptyRows = 0
	for i := 0; i < s.rowRepeat && len(s.rows) < maxODSRows; i++ {
		if s.cells+len(s.row) > maxSheetCells {
			return false
		}
		s.rows = append(s.rows, slices.Clone(s.row)) // repeats must not alias
		s.cells += len(s.row)
	}
	s.row = nil
	return true
}

// odsAttr returns the value of the attribute space:local, or "".
func odsAttr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// odsRepeat reads a table:number-*-repeated attribute (default 1).
func odsRepeat(t xml.StartElement, local string) int {
	n, err := strconv.Atoi(odsAttr(t, nsODSTable, local))
	if err != nil || n < 1 {
		return 1
	}
	return n
}
