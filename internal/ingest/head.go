package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Head is what recognition looks at: the first records of a text file, the
// member names of a zip container, or the columns of a parquet file.
type Head struct {
	Path    string
	Columns []string   // first record, BOM and surrounding spaces removed
	Records [][]string // first records of a CSV (up to 12)
	IsText  bool
	IsUTF8  bool
	// UTF16 marks text saved as UTF-16 (Excel's "Unicode text"): its
	// start is decoded for recognition, but it is not loaded.
	UTF16 bool
	// NULLine is the line of a NUL byte in the first 64 KB of text, or 0.
	NULLine   int64
	HasBOM    bool
	IsZip     bool
	IsParquet bool
	Members   []string // zip member names (xlsx, ods, EES release zips)
	Sheets    map[string][][]string
	// ZipErr is why a zip container could not be opened (a truncated or
	// damaged download: its table of contents is at the end), and
	// ZipKind what its first member says it is ("xlsx", "ods" or "").
	ZipErr  error
	ZipKind string
	// SheetsErr is why a workbook's sheets could not be read to their end;
	// one over the size limits (errTooBig) fails the ingest.
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
		if h.Members, h.ZipErr = readZipMembers(path); h.ZipErr != nil {
			h.ZipKind = firstMemberKind(buf)
		}
	case isUTF16(buf):
		h.IsText, h.UTF16 = true, true
		h.readText(decodeUTF16(buf), false)
	case n > 0 && isText(buf):
		if i := bytes.IndexByte(buf, 0); i >= 0 {
			h.NULLine = int64(bytes.Count(buf[:i], []byte("\n"))) + 1
			buf = bytes.ReplaceAll(buf, []byte{0}, nil)
		}
		h.IsText = true
		h.readText(buf, n == headBytes)
	}
	return h, nil
}

// readText reads the first records of a text file's start.
func (h *Head) readText(buf []byte, cut bool) {
	h.HasBOM = bytes.HasPrefix(buf, []byte("\xef\xbb\xbf"))
	text := bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf"))
	if cut { // drop a possibly cut final line
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

// isText reports whether a file's start is text, perhaps with a stray NUL
// byte: at most 1% of its bytes (or 4, in a short file) are control
// characters other than tab, line feed, form feed and carriage return (a
// PDF, image or compressed file has far more).
func isText(buf []byte) bool {
	ctl := 0
	for _, c := range buf {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	return ctl <= max(len(buf)/100, 4)
}

// isUTF16 recognises UTF-16 text: a byte order mark, or a NUL beside nearly
// every byte of the first line (ASCII saved as UTF-16 without a mark).
func isUTF16(buf []byte) bool {
	if bytes.HasPrefix(buf, []byte{0xff, 0xfe}) || bytes.HasPrefix(buf, []byte{0xfe, 0xff}) {
		return true
	}
	if len(buf) < 8 {
		return false
	}
	even, odd := 0, 0
	for i, c := range buf[:min(len(buf), 512)&^1] {
		if c == 0 && i%2 == 0 {
			even++
		} else if c == 0 {
			odd++
		}
	}
	pairs := min(len(buf), 512) / 2
	return even*10 > pairs*9 || odd*10 > pairs*9
}

// decodeUTF16 turns the start of a UTF-16 file (big- or little-endian,
// with or without a byte order mark) into UTF-8 for recognition.
func decodeUTF16(buf []byte) []byte {
	big := bytes.HasPrefix(buf, []byte{0xfe, 0xff}) || (len(buf) > 1 && buf[0] == 0 && buf[1] != 0)
	if bytes.HasPrefix(buf, []byte{0xff, 0xfe}) || bytes.HasPrefix(buf, []byte{0xfe, 0xff}) {
		buf = buf[2:]
	}
	u := make([]uint16, len(buf)/2)
	for i := range u {
		if big {
			u[i] = uint16(buf[2*i])<<8 | uint16(buf[2*i+1])
		} else {
			u[i] = uint16(buf[2*i+1])<<8 | uint16(buf[2*i])
		}
	}
	text := []byte(string(utf16.Decode(u)))
	if i := bytes.LastIndexByte(text, '\n'); i > 0 && len(buf) >= headBytes-2 {
		text = text[:i+1]
	}
	return text
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

// zipMembers lists a zip's member names, none if it cannot be opened.
func zipMembers(path string) []string {
	names, _ := readZipMembers(path)
	return names
}

func readZipMembers(path string) ([]string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names, nil
}

// firstMemberKind says what a zip container is from its first local file
// header, which a truncated download still has: an OpenDocument
// spreadsheet starts with its uncompressed "mimetype" member, an xlsx
// with "[Content_Types].xml" or a part under xl/ (as Excel and excelize
// write them). Anything else is "".
func firstMemberKind(buf []byte) string {
	const header = 30 // local file header up to the name
	if len(buf) < header {
		return ""
	}
	nameLen := int(buf[26]) | int(buf[27])<<8
	extraLen := int(buf[28]) | int(buf[29])<<8
	if len(buf) < header+nameLen {
		return ""
	}
	name := string(buf[header : header+nameLen])
	switch {
	case name == "mimetype":
		body := buf[min(len(buf), header+nameLen+extraLen):]
		if bytes.HasPrefix(body, []byte("application/vnd.oasis.opendocument.spreadsheet")) {
			return "ods"
		}
	case name == "[Content_Types].xml" && bytes.Contains(buf, []byte("xl/")),
		strings.HasPrefix(name, "xl/"):
		return "xlsx"
	}
	return ""
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
	if err != nil {
		h.SheetsErr = err
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
