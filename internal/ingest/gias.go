package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The GIAS establishments extract (edubasealldataYYYYMMDD.csv): one row per
// establishment, about 135 columns, every field quoted, in Windows-1252.
// Only the columns the register uses are staged (giasColumns); the file's
// own header is kept so a load check names a cell's column in the file.

// giasRequired are the columns that recognise the extract and must be there.
var giasRequired = []string{"URN", "EstablishmentName", "EstablishmentStatus (name)", "TypeOfEstablishment (name)"}

// giasColumns are the staged columns, named as published; any but the
// required ones may be missing from an extract and are then staged blank.
var giasColumns = append(slices.Clone(giasRequired), "LA (code)", "LA (name)", "EstablishmentNumber",
	"EstablishmentTypeGroup (name)", "OpenDate", "CloseDate", "PhaseOfEducation (name)",
	"StatutoryLowAge", "StatutoryHighAge", "Street", "Locality", "Address3", "Town", "County (name)",
	"Postcode", "Easting", "Northing", "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll",
	"ResourcedProvisionCapacity", "SenUnitOnRoll", "SenUnitCapacity",
	"SEN1 (name)", "SEN2 (name)", "SEN3 (name)", "SEN4 (name)", "SEN5 (name)", "SEN6 (name)", "SEN7 (name)",
	"SEN8 (name)", "SEN9 (name)", "SEN10 (name)", "SEN11 (name)", "SEN12 (name)", "SEN13 (name)")

// ParseGIAS stages a GIAS establishments extract. GIAS publishes it in
// Windows-1252; a copy that is valid UTF-8 throughout (re-saved by a
// spreadsheet or an editor) is read as UTF-8, since Windows-1252 names are
// practically never valid UTF-8 by accident. A file that is neither, with a
// UTF-8 sequence among Windows-1252 bytes, fails naming the line and column
// of that sequence: decoding it either way would garble some names.
func ParseGIAS(path string) (*RawTable, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text, err := giasText(path, bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: read header: %w", path, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if err := checkHeader(path, 1, header, giasRequired); err != nil {
		return nil, err
	}
	return giasRows(path, r, header)
}

// giasRows reads the data records into the staged columns.
func giasRows(path string, r *csv.Reader, header []string) (*RawTable, error) {
	idx := make([]int, len(giasColumns))
	for i, c := range giasColumns {
		idx[i] = slices.Index(header, c)
	}
	t := &RawTable{Columns: giasColumns, Header: header}
	for {
		rec, line, err := nextCSVRecord(path, r)
		if errors.Is(err, io.EOF) {
			return t, nil
		} else if err != nil {
			return nil, err
		}
		if len(rec) > len(header) {
			return nil, &LoadError{Path: path, Line: int64(line), Column: len(header) + 1,
				Msg: fmt.Sprintf("row has %d columns, the header has %d (extra column)", len(rec), len(header))}
		}
		vals := make([]string, len(idx))
		for i, c := range idx {
			vals[i] = strings.TrimSpace(cellAt(rec, c))
		}
		t.Append(line, vals...)
	}
}

// giasText decodes the extract: UTF-8 when the whole file is valid UTF-8,
// else Windows-1252, refusing a file that mixes the two.
func giasText(path string, b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	if line, col, ok := utf8Sequence(b); ok {
		return "", &LoadError{Path: path, Line: line, Column: col,
			Msg: "a UTF-8 character in a Windows-1252 file (GIAS publishes Windows-1252): the file mixes encodings; download it again"}
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("%s: decode Windows-1252: %w", path, err)
	}
	return string(s), nil
}

// utf8Sequence finds the first multi-byte UTF-8 character in b and returns
// its line and its CSV column (1-based, counting commas outside quotes).
func utf8Sequence(b []byte) (line int64, col int, ok bool) {
	line, col = 1, 1
	quoted := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 0xC2 && c <= 0xF4 {
			if r, n := utf8.DecodeRune(b[i:]); r != utf8.RuneError && n > 1 {
				return line, col, true
			}
		}
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			col++
		case c == '\n' && !quoted:
			line, col = line+1, 1
		case c == '\n':
			line++
		}
	}
	return 0, 0, false
}
