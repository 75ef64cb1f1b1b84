package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on what one workbook may inflate to, so a zip bomb (a few hundred
// KB that inflate to gigabytes) fails in seconds with a message instead of
// exhausting memory or the temporary folder. Measured on the real downloads
// (December 2026), the largest are far below:
//   - one archive member: xl/worksheets/sheet1.xml of the 2017-18 school
//     information spine, 26,334,309 bytes (29,267,813 for the whole xlsx,
//     about 900,000 cells); the largest ODS content.xml is the tribunal
//     appeal rate table's, 2,690,487 bytes;
//   - one cell: Excel itself stops at 32,767 characters.
//
// A member's inflated size is read from the zip directory and is a bound:
// archive/zip fails a member that inflates past its declared size.
const (
	maxMemberBytes  = 128 << 20 // one archive member, inflated (about 5x the largest real)
	maxArchiveBytes = 256 << 20 // every member together
	maxCellBytes    = 1 << 20   // one cell's text, and any run of XML text between tags
	maxSheetCells   = 1 << 22   // cells one sheet may hold (about 4.6x the largest real)
)

// errTooBig marks a workbook refused by one of the limits above; the ingest
// fails on it rather than listing the file as unrecognised.
var errTooBig = errors.New("over sendash's size limit (a zip bomb, or not a published file)")

// checkArchive refuses a workbook whose members would inflate past the limits.
func checkArchive(files []*zip.File) error {
	var total uint64
	for _, f := range files {
		if f.UncompressedSize64 > maxMemberBytes {
			return fmt.Errorf("member %s inflates to %s, %w: at most %s per member", f.Name, mib(f.UncompressedSize64), errTooBig, mib(maxMemberBytes))
		}
		total += f.UncompressedSize64
		if total > maxArchiveBytes {
			return fmt.Errorf("members inflate to more than %s in all, %w", mib(maxArchiveBytes), errTooBig)
		}
	}
	return nil
}

func mib(n uint64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// textRunReader passes XML through, failing once a run of bytes with no
// '<' (a cell's text, or character data between rows) passes maxCellBytes:
// Go's XML decoder holds a whole run in memory as one token.
type textRunReader struct {
	r   io.Reader
	run int
	off int64
}

func (t *textRunReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	b := p[:n]
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			t.run += len(b)
			break
		}
		t.run, b = 0, b[i+1:]
	}
	t.off += int64(n)
	if t.run > maxCellBytes {
		return n, fmt.Errorf("a run of more than %s of text without markup, before byte %d: %w: at most %s per cell",
			mib(uint64(maxCellBytes)), t.off, errTooBig, mib(maxCellBytes))
	}
	return n, err
}

// cellTooBig is the error for a cell whose text passes maxCellBytes.
func cellTooBig(where string) error {
	return fmt.Errorf("%s: a cell's text passes %s, %w", where, mib(maxCellBytes), errTooBig)
}

// scanXLSXMembers streams every XML member of an xlsx once before excelize
// reads it, refusing a cell (a shared string or an inline string, however
// many rich-text runs it is split into) longer than maxCellBytes, any run
// of text or single tag longer than that, and a sheet of more than
// maxSheetCells cells: excelize would hold a whole cell or tag, and reading
// millions of cells takes it minutes. A byte scanner, not an XML decoder:
// Go's decoder takes 6 s over the 26 MB school information sheet, this
// takes a fraction of a second.
func scanXLSXMembers(files []*zip.File) error {
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("member %s: %w", f.Name, err)
		}
		err = scanXML(rc, strings.HasPrefix(f.Name, "xl/worksheets/"))
		rc.Close()
		if err != nil {
			return fmt.Errorf("member %s: %w", f.Name, err)
		}
	}
	return nil
}

// xmlScan is the state of scanXML between reads.
type xmlScan struct {
	inTag           bool
	tagLen, run     int    // bytes of the current tag, of the current text run
	name            []byte // the current tag's name, up to 8 bytes
	naming, selfEnd bool
	inCell          bool // inside <si> or <c>
	cellText, cells int
	isSheet         bool
	off             int64
}

// scanXML applies scanXLSXMembers' limits to one member.
func scanXML(r io.Reader, isSheet bool) error {
	s := &xmlScan{isSheet: isSheet}
	br := bufio.NewReaderSize(r, 64<<10)
	buf := make([]byte, 64<<10)
	for {
		n, err := br.Read(buf)
		if serr := s.scan(buf[:n]); serr != nil {
			return serr
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (s *xmlScan) scan(b []byte) error {
	for _, c := range b {
		s.off++
		if !s.inTag {
			if c == '<' {
				s.inTag, s.tagLen, s.name, s.naming, s.run = true, 0, s.name[:0], true, 0
				continue
			}
			s.run++
			if s.inCell {
				s.cellText++
			}
			if s.run > maxCellBytes || s.cellText > maxCellBytes {
				return cellTooBig(fmt.Sprintf("byte %d", s.off))
			}
			continue
		}
		s.tagLen++
		if s.tagLen > maxCellBytes {
			return fmt.Errorf("byte %d: a tag passes %s, %w", s.off, mib(maxCellBytes), errTooBig)
		}
		switch {
		case c == '>':
			s.inTag = false
			if err := s.endTag(); err != nil {
				return err
			}
		case s.naming && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' && len(s.name) > 0):
			s.naming = false
		case s.naming && len(s.name) < 8:
			s.name = append(s.name, c)
		}
		s.selfEnd = c == '/'
	}
	return nil
}

// endTag notes a cell's start or end, and counts a sheet's cells.
func (s *xmlScan) endTag() error {
	name, closing := s.name, false
	if len(name) > 0 && name[0] == '/' {
		name, closing = name[1:], true
	}
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:] // x:c, a namespace prefix
	}
	if string(name) != "si" && string(name) != "c" {
		return nil
	}
	switch {
	case closing:
		s.inCell = false
	case !s.selfEnd:
		s.inCell, s.cellText = true, 0
	}
	if !closing && s.isSheet && string(name) == "c" {
		if s.cells++; s.cells > maxSheetCells {
			return fmt.Errorf("byte %d: more than %d cells in one sheet, %w", s.off, maxSheetCells, errTooBig)
		}
	}
	return nil
}
