package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Zip bombs: workbooks of a few MB whose members inflate to gigabytes (or
// to just under the member limit, to reach the cell and row limits). Each
// is generated here, never committed, and ingested by a child process (this
// test binary re-run as TestBombChild) whose peak memory is measured.

const (
	bombMaxRSS  = 512 << 20 // the bound on the ingest's peak memory
	bombKillRSS = 1 << 30   // the watchdog's: today's code would pass 5 GB
	bombMaxTime = 10 * time.Second
)

type zipBomb struct {
	name string
	file string                  // file name in the data folder
	make func(path string) error // writes the workbook
	want string                  // the error says this (and names the file)
}

func bombs() []zipBomb {
	const gib225 = 2_250_000_000
	return []zipBomb{
		{name: "ods-cell-2.25GB", file: "cell.ods", want: "member content.xml inflates to 2145 MiB",
			make: func(p string) error { return writeODS(p, odsHead+odsCellOpen, "a", gib225, odsCellClose+odsTail) }},
		{name: "ods-between-rows-2.25GB", file: "rows.ods", want: "member content.xml inflates to 2145 MiB",
			make: func(p string) error { return writeODS(p, odsHead+odsRow, " ", gib225, odsRow+odsTail) }},
		// Under the member limit: the cell limit and the run limit stop them.
		{name: "ods-cell-100MB", file: "cell.ods", want: `sheet "bomb" row 1: a run of more than 1 MiB of text without markup`,
			make: func(p string) error { return writeODS(p, odsHead+odsCellOpen, "a", 100<<20, odsCellClose+odsTail) }},
		{name: "ods-between-rows-100MB", file: "rows.ods", want: `sheet "bomb" row 2: a run of more than 1 MiB of text without markup`,
			make: func(p string) error { return writeODS(p, odsHead+odsRow, " ", 100<<20, odsRow+odsTail) }},
		// 4.6 million text:s elements of 1,024 spaces each: 4.7 GB of spaces in one cell.
		{name: "ods-spaces-4.7GB", file: "spaces.ods", want: `sheet "bomb" row 1: a cell's text passes 1 MiB`,
			make: func(p string) error {
				return writeODS(p, odsHead+odsCellOpen, `<text:s text:c="1024"/>`, 100<<20, odsCellClose+odsTail)
			}},
		{name: "xlsx-cell-2.25GB", file: "cell.xlsx", want: "member xl/sharedStrings.xml inflates to 2145 MiB",
			make: func(p string) error { return writeXLSX(p, sstHead, "a", gib225, sstTail, sheetOneString) }},
		{name: "xlsx-rows-2.25GB", file: "rows.xlsx", want: "member xl/worksheets/sheet1.xml inflates to 2145 MiB",
			make: func(p string) error { return writeXLSX(p, sheetHead, xlsxRow, gib225, sheetTail, "") }},
		{name: "xlsx-cell-100MB", file: "cell.xlsx", want: "member xl/sharedStrings.xml: byte 1048",
			make: func(p string) error { return writeXLSX(p, sstHead, "a", 100<<20, sstTail, sheetOneString) }},
		// 120 MB of small numeric cells: 7.4 million cells, over maxSheetCells.
		{name: "xlsx-rows-120MB", file: "rows.xlsx", want: "more than 4194304 cells in one sheet",
			make: func(p string) error { return writeXLSX(p, sheetHead, xlsxRow, 120<<20, sheetTail, "") }},
	}
}

// TestZipBombsBounded: each bomb fails the ingest within seconds, naming the
// file and what was too big, with the child's peak memory under 512 MB and
// nothing left in its temporary folder. Today's code inflated them whole
// (past 5 GB, and 2.4 GB of excelize temporary files).
func TestZipBombsBounded(t *testing.T) {
	if os.Getenv("SENDASH_BOMB_DIR") != "" {
		t.Skip("in the child")
	}
	for _, b := range bombs() {
		t.Run(b.name, func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			data := filepath.Join(dir, "data")
			os.Mkdir(data, 0o755)
			path := filepath.Join(data, b.file)
			if err := b.make(path); err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(path)
			db := filepath.Join(dir, "db.duckdb")
			out, rss, took, err := runBombChild(t, data, db, tmp)
			t.Logf("%s: %d KB file, peak memory %d MB, %v", b.name, st.Size()>>10, rss>>20, took.Round(time.Millisecond))
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			msg, _, _ := strings.Cut(out, "\n")
			if !strings.Contains(msg, "ingest error: "+path) || !strings.Contains(msg, b.want) {
				t.Errorf("error %q\nwant it to name %s and say %q", msg, path, b.want)
			}
			if rss >= bombMaxRSS {
				t.Errorf("peak memory %d MB, want under %d MB", rss>>20, bombMaxRSS>>20)
			}
			if took > bombMaxTime {
				t.Errorf("took %v, want under %v", took, bombMaxTime)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("%d files left in TMPDIR, e.g. %s", len(left), left[0].Name())
			}
			if left, _ := filepath.Glob(db + "*"); len(left) > 0 {
				t.Errorf("files left beside the database: %v", left)
			}
		})
	}
}

// runBombChild ingests data in a child process with TMPDIR=tmp, killing it
// past bombKillRSS or a minute, and returns its output and peak memory.
func runBombChild(t *testing.T, data, db, tmp string) (string, int64, time.Duration, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBombChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SENDASH_BOMB_DIR="+data, "SENDASH_BOMB_DB="+db, "TMPDIR="+tmp)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return "", 0, 0, err
	}
	done := make(chan struct{})
	killed := ""
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if rss := procRSS(cmd.Process.Pid); rss > bombKillRSS {
				killed = fmt.Sprintf("killed at %d MB", rss>>20)
				cmd.Process.Kill()
			} else if time.Since(start) > time.Minute {
				killed = "killed after a minute"
				cmd.Process.Kill()
			}
		}
	}()
	werr := cmd.Wait()
	took := time.Since(start)
	close(done)
	// The child's own VmHWM: rusage's Maxrss would include this process's
	// memory, which the child shared until it exec'd.
	var rss int64
	if _, v, ok := strings.Cut(out.String(), "peak memory kB: "); ok {
		kb, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
		rss = kb << 10
	} else if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss << 10 // killed: the best measure left
	}
	if killed != "" {
		return out.String(), rss, took, fmt.Errorf("%s", killed)
	}
	if werr != nil {
		return out.String(), rss, took, werr
	}
	return out.String(), rss, took, nil
}

// procRSS reads a process's resident memory from /proc, or 0.
func procRSS(pid int) int64 { return procStatus(fmt.Sprint(pid), "VmRSS:") }

// procStatus reads a size in bytes from /proc/<pid>/status, or 0.
func procStatus(pid, field string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestBombChild is the child of TestZipBombsBounded: it ingests
// SENDASH_BOMB_DIR and prints the outcome.
func TestBombChild(t *testing.T) {
	data := os.Getenv("SENDASH_BOMB_DIR")
	if data == "" {
		t.Skip("run by TestZipBombsBounded")
	}
	_, err := Run(context.Background(), Config{DataDir: data, DBPath: os.Getenv("SENDASH_BOMB_DB"), MemoryLimit: "256MB"})
	if err != nil {
		fmt.Printf("ingest error: %v\n", err)
	} else {
		fmt.Println("ingest succeeded")
	}
	fmt.Printf("peak memory kB: %d\n", procStatus("self", "VmHWM:")>>10)
}

const (
	odsHead = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` +
		`xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
		`<office:body><office:spreadsheet><table:table table:name="bomb">`
	odsTail      = `</table:table></office:spreadsheet></office:body></office:document-content>`
	odsRow       = `<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>`
	odsCellOpen  = `<table:table-row><table:table-cell><text:p>`
	odsCellClose = `</text:p></table:table-cell></table:table-row>`

	nsMain         = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	sstHead        = `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + ` count="1" uniqueCount="1"><si><t>`
	sstTail        = `</t></si></sst>`
	sheetHead      = `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + nsMain + `><sheetData>`
	sheetTail      = `</sheetData></worksheet>`
	sheetOneString = sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail
	xlsxRow        = `<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c><c><v>5</v></c></row>`
)

// writeODS writes an OpenDocument spreadsheet whose content.xml is head,
// unit repeated to about size bytes, then tail.
func writeODS(path, head, unit string, size int64, tail string) error {
	return writeZip(path, func(w *zip.Writer) error {
		m, err := w.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
		if err != nil {
			return err
		}
		m.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
		return writeBombMember(w, "content.xml", head, unit, size, tail)
	})
}

// writeXLSX writes a one-sheet workbook; a bomb in the shared strings
// (sheet holds the sheet's XML) or, with sheet "", in the sheet itself.
func writeXLSX(path, head, unit string, size int64, tail, sheet string) error {
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	plain := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":     rels + `<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook ` + nsMain + ` xmlns:r="` + strings.TrimSuffix(rel, "/") + `"><sheets><sheet name="bomb" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": rels + `<Relationship Id="rId1" Type="` + rel + `worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	}
	bomb := "xl/sharedStrings.xml"
	if sheet == "" {
		bomb = "xl/worksheets/sheet1.xml"
	} else {
		plain["xl/worksheets/sheet1.xml"] = sheet
	}
	return writeZip(path, func(w *zip.Writer) error {
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
			if body, ok := plain[name]; ok {
				m, err := w.Create(name)
				if err != nil {
					return err
				}
				m.Write([]byte(body))
			}
		}
		return writeBombMember(w, bomb, head, unit, size, tail)
	})
}

func writeZip(path string, fill func(*zip.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	w := zip.NewWriter(bw)
	if err := fill(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeBombMember writes a deflated member holding head, then unit
// repeated (at least once) to about size bytes, then tail, without
// compressing gigabytes: after head and one unit, a hand-made block of
// fixed-Huffman matches, each "copy 258 bytes from len(unit) back",
// repeats the unit at about 160:1.
func writeBombMember(w *zip.Writer, name, head, unit string, size int64, tail string) error {
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	fw.Write([]byte(head + unit))
	fw.Flush() // byte-aligned, not final
	p := len(unit)
	step := p / gcd(p, 258) // matches per whole number of units
	matches := max(size/258/int64(step), 1) * int64(step)
	bits := bitWriter{buf: &z}
	bits.write(0, 1) // not the final block
	bits.write(1, 2) // fixed Huffman codes
	code, extra, extraVal := distanceCode(p)
	for range matches {
		bits.huffman(0xC5, 8) // length symbol 285: 258 bytes
		bits.huffman(code, 5)
		bits.write(extraVal, extra)
	}
	bits.huffman(0, 7) // end of block
	bits.write(0, 3)   // an empty stored block realigns to a byte
	bits.flush()
	z.Write([]byte{0, 0, 0xff, 0xff})
	fw, _ = flate.NewWriter(&z, flate.BestCompression)
	fw.Write([]byte(tail))
	fw.Close()

	repeated := matches * 258 // bytes after the first unit, a whole number of units
	crc := crc32.NewIEEE()
	crc.Write([]byte(head + unit))
	chunk := []byte(strings.Repeat(unit, max(1<<20/p, 1)))
	for left := repeated; left > 0; left -= int64(len(chunk)) {
		crc.Write(chunk[:min(int64(len(chunk)), left)])
	}
	crc.Write([]byte(tail))
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64:   uint64(z.Len()),
		UncompressedSize64: uint64(int64(len(head)+p+len(tail)) + repeated)}
	m, err := w.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = m.Write(z.Bytes())
	return err
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// distanceCode is deflate's distance symbol for d, with its extra bits.
func distanceCode(d int) (code, extra, extraVal uint32) {
	base := 1
	for c := uint32(0); c < 30; c++ {
		e := uint32(0)
		if c >= 4 {
			e = c/2 - 1
		}
		if d < base+1<<e {
			return c, e, uint32(d - base)
		}
		base += 1 << e
	}
	panic("distance over 32768")
}

// bitWriter writes deflate's bit stream: values least significant bit
// first, Huffman codes most significant bit first.
type bitWriter struct {
	buf   *bytes.Buffer
	acc   uint64
	nbits uint
}

func (b *bitWriter) write(v, n uint32) {
	b.acc |= uint64(v) << b.nbits
	b.nbits += uint(n)
	for b.nbits >= 8 {
		b.buf.WriteByte(byte(b.acc))
		b.acc >>= 8
		b.nbits -= 8
	}
}

func (b *bitWriter) huffman(code, n uint32) {
	for i := int(n) - 1; i >= 0; i-- {
		b.write(code>>uint(i)&1, 1)
	}
}

func (b *bitWriter) flush() {
	if b.nbits > 0 {
		b.buf.WriteByte(byte(b.acc))
		b.acc, b.nbits = 0, 0
	}
}

// TestBombGenerator: the hand-made deflate stream inflates to exactly what
// the member header declares (archive/zip checks the size and the CRC).
func TestBombGenerator(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.ods")
	if err := writeODS(path, "<a>", xlsxRow, 1<<20, "</a>"); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[1].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	n := (len(s) - len("<a></a>")) / len(xlsxRow)
	if want := "<a>" + strings.Repeat(xlsxRow, n) + "</a>"; s != want || n < 1<<20/len(xlsxRow) {
		t.Errorf("inflated %d bytes (%d units), not the repeated unit", len(s), n)
	}
}
