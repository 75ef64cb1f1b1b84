package demo

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// lineStyle says how a published file is encoded: with or without a UTF-8
// byte-order mark, and with CRLF or LF line endings.
type lineStyle struct {
	bom  bool
	crlf bool
}

var (
	bomLF     = lineStyle{bom: true}
	bomCRLF   = lineStyle{bom: true, crlf: true}
	plainLF   = lineStyle{}
	plainCRLF = lineStyle{crlf: true}
)

// csvFile streams one CSV file to disk through a buffer. Errors are kept and
// reported once by close, so writers can emit rows without checking each one.
type csvFile struct {
	name string
	f    *os.File
	w    *bufio.Writer
	eol  string
	rows int
	err  error
}

// createCSV opens dir/name for writing and writes the byte-order mark when
// the style asks for one.
func createCSV(dir, name string, style lineStyle) (*csvFile, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("demo: create %s: %w", name, err)
	}
	c := &csvFile{name: name, f: f, w: bufio.NewWriterSize(f, 1<<16), eol: "\n"}
	if style.crlf {
		c.eol = "\r\n"
	}
	if style.bom {
		_, c.err = c.w.WriteString("\uFEFF")
	}
	return c, nil
}

// header writes a header line exactly as given (it is not counted as a row).
func (c *csvFile) header(line string) {
	c.write(line + c.eol)
}

// row writes one record, quoting only the cells that need it (a comma, a
// quote or a line break), as the published files do: cells such as " - "
// or " .. " keep their spaces unquoted.
func (c *csvFile) row(cells ...string) {
	var b strings.Builder
	for i, cell := range cells {
		if i > 0 {
			b.WriteByte(',')
		}
		if strings.ContainsAny(cell, ",\"\r\n") {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(cell, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(cell)
		}
	}
	b.WriteString(c.eol)
	c.write(b.String())
	c.rows++
}

func (c *csvFile) write(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

// close flushes and closes the file and returns the first error seen.
func (c *csvFile) close() error {
	if c.err == nil {
		c.err = c.w.Flush()
	}
	if err := c.f.Close(); c.err == nil {
		c.err = err
	}
	if c.err != nil {
		return fmt.Errorf("demo: write %s: %w", c.name, c.err)
	}
	return nil
}

// join concatenates cell lists into a new slice, so a shared prefix is never
// overwritten by a later append.
func join(parts ...[]string) []string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]string, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
