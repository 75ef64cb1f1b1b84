package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Head is what recognition looks at: the first records of a text file, the
// member names of a zip container, or the columns of a parquet file.
type Head struct {
	Path      string
	Columns   []string   // first record, BOM and surrounding spaces removed
	Records   [][]string // first records of a CSV (up to 12)
	IsText    bool
	IsUTF8    bool
	HasBOM    bool
	IsZip     bool
	IsParquet bool
	Members   []string // zip member names (xlsx, ods, EES release zips)
	Sheets    map[string][][]string
	// SheetsErr is why a workbook's sheets could not be read; one over the
	// size limits (errTooBig) fails the ingest.
	SheetsErr error
}

const headBytes = 64 << 10

// readHead reads the start of a file and classifies it.
func readHead(path string) (*Head, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, headBytes)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	buf = buf[:n]
	h := &Head{Path: path}
	switch {
	case bytes.HasPrefix(buf, []byte("PAR1")):
		h.IsParquet = true
	case bytes.HasPrefix(buf, []byte("PK\x03\x04")):
		h.IsZip = true
		h.Members = zipMembers(path)
	case bytes.IndexByte(buf, 0) < 0 && n > 0:
		h.IsText = true
		h.HasBOM = bytes.HasPrefix(buf, []byte("\xef\xbb\xbf"))
		text := bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf"))
		if n == headBytes { // drop a possibly cut final line
			if i := bytes.LastIndexByte(text, '\n'); i > 0 {
				text = text[:i+1]
			}
		}
		h.IsUTF8 = utf8.Valid(text)
		h.Records = firstRecords(text, 12)
		if len(h.Records) > 0 {
			for _, c := range h.Records[0] {
				h.Columns = append(h.Columns, strings.TrimSpace(c))
			}
		}
	}
	return h, nil
}

func firstRecords(text []byte, max int) [][]string {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	for len(out) < max {
		rec, err := r.Read()
		if err != nil {
			break
		}
		out = append(out, rec)
	}
	return out
}

func zipMembers(path string) []string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names
}

// isSpreadsheet reports whether a zip is an xlsx or ods workbook.
func (h *Head) isXLSX() bool { return h.IsZip && hasMember(h.Members, "xl/workbook.xml") }
func (h *Head) isODS() bool {
	return h.IsZip && hasMember(h.Members, "content.xml") && hasMember(h.Members, "mimetype")
}

func hasMember(members []string, name string) bool {
	for _, m := range members {
		if m == name {
			return true
		}
	}
	return false
}

// sheets reads a workbook's sheets once, on first use during recognition.
func (h *Head) sheets() map[string][][]string {
	if h.Sheets != nil {
		return h.Sheets
	}
	var err error
	switch {
	case h.isXLSX():
		h.Sheets, _, err = ReadXLSX(h.Path)
	case h.isODS():
		h.Sheets, _, err = ReadODS(h.Path)
	}
	if err != nil || h.Sheets == nil {
		h.Sheets, h.SheetsErr = map[string][][]string{}, err
	}
	return h.Sheets
}

// sheetMatches reports whether any sheet's first rows satisfy match.
func sheetMatches(h *Head, match func([][]string) bool) bool {
	for _, rows := range h.sheets() {
		if match(rows[:min(len(rows), 12)]) {
			return true
		}
	}
	return false
}
