package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// fileFacts is what one pass over a recognised file finds: its hash and
// size and, for text, what DuckDB's CSV reader would stumble on.
type fileFacts struct {
	sha        string
	size       int64
	nulLine    int64 // line of the first NUL byte, or 0
	loneCRLine int64 // first line ending in a carriage return alone, or 0
	crlf, lf   int64 // line endings: CR LF, and LF alone
}

// mixedEndings reports lines ending both in CR LF and in LF alone, which
// DuckDB's reader refuses ("state machine reached an invalid state").
func (f fileFacts) mixedEndings() bool { return f.crlf > 0 && f.lf > 0 }

// scanFile hashes a file and, for text, finds its first NUL byte, counts
// its line endings outside quoted values (a quoted value may hold a line
// break of either kind: the LAIT dictionary's hold lone CRs, the tribunal
// CSV's LFs in a CR LF file) and finds the first lone CR outside one. A
// chunk with no CR takes byte searches only, so an LF file costs nothing
// beyond the hash; a chunk with one is walked byte by byte.
func scanFile(path string, text bool) (fileFacts, error) {
	var ff fileFacts
	f, err := os.Open(path)
	if err != nil {
		return ff, err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	var lines int64 // line feeds before this chunk
	inQuote, prevCR := false, false
	for {
		n, err := f.Read(buf)
		b := buf[:n]
		h.Write(b)
		ff.size += int64(n)
		if text && n > 0 {
			if ff.nulLine == 0 {
				if i := bytes.IndexByte(b, 0); i >= 0 {
					ff.nulLine = lines + int64(bytes.Count(b[:i], []byte("\n"))) + 1
				}
			}
			if !prevCR && bytes.IndexByte(b, '\r') < 0 {
				nl := int64(bytes.Count(b, []byte("\n")))
				if !inQuote && bytes.IndexByte(b, '"') < 0 {
					ff.lf += nl
				} else {
					ff.lf += min(nl, 1) // some LF, perhaps quoted: enough to call CR LF lines mixed
					inQuote = inQuote != (bytes.Count(b, []byte{'"'})%2 == 1)
				}
				lines += nl
			} else {
				inQuote, prevCR = ff.endings(b, &lines, inQuote, prevCR)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return ff, err
		}
	}
	ff.sha = hex.EncodeToString(h.Sum(nil))
	return ff, nil
}

// endings walks a chunk byte by byte, counting line endings outside quotes.
func (ff *fileFacts) endings(b []byte, lines *int64, inQuote, prevCR bool) (bool, bool) {
	for _, c := range b {
		if prevCR && c != '\n' && ff.loneCRLine == 0 {
			ff.loneCRLine = *lines + 1
		}
		switch c {
		case '"':
			inQuote = !inQuote
		case '\n':
			*lines++
			if prevCR {
				ff.crlf++
			} else if !inQuote {
				ff.lf++
			}
		}
		prevCR = c == '\r' && !inQuote
	}
	return inQuote, prevCR
}

// textProblem is a LoadError for a recognised text file that cannot be
// loaded as it is, or nil: a NUL byte, or a line ending in a lone CR.
func textProblem(path string, h *Head, ff fileFacts) error {
	switch {
	case h.UTF16:
		return &LoadError{Path: path, Msg: "the file is UTF-16 text (Excel's \"Unicode text\"); re-save it as UTF-8 (\"CSV UTF-8\")"}
	case ff.nulLine > 0:
		return &LoadError{Path: path, Line: ff.nulLine, Msg: "a NUL byte (character 0): the file is damaged or not text; download it again"}
	case ff.loneCRLine > 0:
		return &LoadError{Path: path, Line: ff.loneCRLine, Msg: "a line ends in a lone carriage return (CR, an old Mac line ending); re-save the file with Windows (CR LF) or Unix (LF) line endings"}
	}
	return nil
}

// lfCopy writes a copy of a text file with every CR LF turned into LF, so
// DuckDB reads a file whose rows are whole but whose line endings are mixed;
// lines keep their numbers. The caller removes the copy.
func lfCopy(path string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp("", "sendash-lf-*.csv")
	if err != nil {
		return "", err
	}
	buf := make([]byte, 1<<20)
	carry := false // the previous chunk ended in CR, not yet written
	for err == nil {
		var n int
		n, err = in.Read(buf)
		b := buf[:n]
		if carry && (n == 0 || b[0] != '\n') && n > 0 {
			out.Write([]byte{'\r'})
		}
		carry = n > 0 && b[n-1] == '\r'
		if carry {
			b = b[:n-1]
		}
		if _, werr := out.Write(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))); werr != nil {
			err = werr
		}
	}
	if carry {
		out.Write([]byte{'\r'})
	}
	if err != io.EOF {
		out.Close()
		os.Remove(out.Name())
		return "", fmt.Errorf("copy %s with LF line endings: %w", path, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}
