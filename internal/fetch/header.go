package fetch

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// headerPeek is how much of a file is read to find its first line;
// binaryPeek is how much of a binary file is searched instead.
const (
	headerPeek = 64 << 10
	binaryPeek = 512
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// HeaderError says a downloaded file (or zip member) does not start the way
// its manifest entry promises: usually an HTML error page served with
// status 200, or a publisher that changed its layout.
type HeaderError struct {
	Format string
	Member string // zip member, empty for a plain file
	Line   string // the first line found, cut short
}

// Error gives the format expected and the line found.
func (e *HeaderError) Error() string {
	where := ""
	if e.Member != "" {
		where = " (zip member " + e.Member + ")"
	}
	return fmt.Sprintf("downloaded file's header does not look like %s%s: first line %q", e.Format, where, e.Line)
}

// firstLine returns the first line of r without a UTF-8 byte-order mark or
// line ending, reading at most headerPeek bytes. For a binary file (a NUL
// byte in its first binaryPeek bytes) lines mean nothing, so it returns
// those first bytes instead.
func firstLine(r io.Reader) (string, error) {
	buf, err := io.ReadAll(io.LimitReader(r, headerPeek))
	if err != nil {
		return "", err
	}
	if head := buf[:min(len(buf), binaryPeek)]; bytes.IndexByte(head, 0) >= 0 {
		return string(head), nil
	}
	buf = bytes.TrimPrefix(buf, utf8BOM)
	if i := bytes.IndexByte(buf, '\n'); i >= 0 {
		buf = buf[:i]
	}
	return strings.TrimRight(string(buf), "\r"), nil
}

// checkHeader reports a *HeaderError unless every expected string occurs in
// the first line of r.
func checkHeader(r io.Reader, s Source, member string) error {
	line, err := firstLine(r)
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	for _, want := range s.ExpectHeader {
		if !strings.Contains(line, want) {
			return &HeaderError{Format: s.label(), Member: member, Line: clip(line, 160)}
		}
	}
	return nil
}

// label names what a source's file should be: its format, or its kind for
// a file that is not ingested.
func (s Source) label() string { return cmp.Or(s.Format, s.Kind+" layer") }

func checkFileHeader(name string, s Source) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return checkHeader(f, s, "")
}

// checkZipHeaders opens the archive and checks the header of each member
// chosen by s.Members; at least one member must be chosen.
func checkZipHeaders(name string, s Source) error {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return notZipError(name, err)
	}
	defer zr.Close()
	checked := 0
	for _, f := range zr.File {
		if !memberChosen(s.Members, f.Name) {
			continue
		}
		checked++
		if err := checkMember(f, s); err != nil {
			return err
		}
	}
	if checked == 0 {
		return fmt.Errorf("zip archive has no member matching %q", cmp.Or(s.Members, "*.csv"))
	}
	return nil
}

// notZipError explains an unreadable archive, quoting its first line: it is
// most often an HTML error page.
func notZipError(name string, err error) error {
	line := ""
	if f, ferr := os.Open(name); ferr == nil {
		line, _ = firstLine(f)
		f.Close()
	}
	return fmt.Errorf("downloaded file is not a readable zip archive (first line %q): %w", clip(line, 160), err)
}

func checkMember(f *zip.File, s Source) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("zip member %s: %w", f.Name, err)
	}
	defer rc.Close()
	return checkHeader(rc, s, f.Name)
}

// memberChosen matches a member's path or base name against the glob; an
// empty glob chooses every .csv file. EES column metadata (.meta.csv) and
// folders are never chosen.
func memberChosen(glob, name string) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(name, "/") || strings.HasSuffix(lower, ".meta.csv") {
		return false
	}
	if glob == "" {
		return strings.HasSuffix(lower, ".csv")
	}
	full, _ := path.Match(glob, name)
	base, _ := path.Match(glob, path.Base(name))
	return full || base
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
