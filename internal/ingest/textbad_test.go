package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedBadText: text problems too big to commit as fixtures,
// written over a copy of the fixture at run time. Each used to load or
// fail badly: a NUL byte past the first 64 KB was loaded into a value, one
// within them dropped the file silently, and a 1 MB bad value was echoed
// whole in the error (1,000,326 bytes).
func TestGeneratedBadText(t *testing.T) {
	base, err := os.ReadFile("testdata/bad/negative-ees/ees/exclusions_2019.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(base), "\n"), "\n")
	header, row := lines[0], strings.Replace(lines[1], ",40,", ",41,", 1)
	many := func(n int) string { return strings.Repeat(row+"\n", n) } // 150 bytes a row
	long := strings.Repeat("7", 1_000_000) + "x"
	cases := []struct {
		name, body, want string
		maxLen           int
	}{
		{"nul-early", header + "\n" + row + "\n" + strings.Replace(row, "Camden", "Cam\x00den", 1) + "\n",
			"line 3: a NUL byte (character 0)", 0},
		{"nul-late", header + "\n" + many(1000) + strings.Replace(row, "Camden", "Cam\x00den", 1) + "\n",
			"line 1002: a NUL byte (character 0)", 0},
		{"million-character-value", header + "\n" + strings.Replace(row, ",41,", ","+long+",", 1) + "\n",
			`not a number or a known marker: "` + strings.Repeat("7", 200) + `"… (1000001 characters)`, 600},
		{"million-character-column-name", header + "," + strings.Repeat("n", 1_000_000) + "\n" + row + ",zz\n",
			`line 2 column 21 (` + strings.Repeat("n", 200) + `… (`, 600}, // recognition reads the first 64 KB of the name
	}
	good := filepath.Join(t.TempDir(), "good.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", good); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, good)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyDir(t, "testdata/fixture")
			bad := filepath.Join(dir, "ees", "exclusions_2019.csv")
			if err := os.WriteFile(bad, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "db.duckdb")
			copyFile(t, good, db)
			_, err := ingestDir(t, dir, db)
			checkFailed(t, err, []string{bad}, c.want, db, before)
			if err != nil && c.maxLen > 0 && len(err.Error()) > c.maxLen {
				t.Errorf("error is %d bytes, want at most %d", len(err.Error()), c.maxLen)
			}
		})
	}
}

// TestQuote: values in messages are cut to 200 characters.
func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"zz":                       `"zz"`,
		strings.Repeat("é", 200):   `"` + strings.Repeat("é", 200) + `"`,
		strings.Repeat("é", 201):   `"` + strings.Repeat("é", 200) + `"… (201 characters)`,
		strings.Repeat("ab", 1000): `"` + strings.Repeat("ab", 100) + `"… (2000 characters)`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%d characters) = %.40s…, want %.40s…", len(in), got, want)
		}
		if got, want := clip(in), strings.Trim(strings.Replace(want, `"…`, "…", 1), `"`); got != want {
			t.Errorf("clip(%d characters) = %.40s…, want %.40s…", len(in), got, want)
		}
	}
}

// TestScanFileEndings: line endings are counted outside quoted values, as
// the real LAIT dictionary (lone CRs inside quotes, CR LF lines) and the
// tribunal CSV (LFs inside quotes, CR LF lines) need; the 1 MB reads are
// crossed by a CR LF pair and by a quoted value.
func TestScanFileEndings(t *testing.T) {
	pad := strings.Repeat("x", 1<<20-5) // the first CR is the first read's last byte
	for _, c := range []struct {
		name, body            string
		crlf, lf, loneCR, nul int64
	}{
		{"lf", "a,b\n1,2\n", 0, 2, 0, 0},
		{"crlf", "a,b\r\n1,2\r\n", 2, 0, 0, 0},
		{"mixed", "a,b\r\n1,2\n3,4\r\n", 2, 1, 0, 0},
		{"lone cr", "a,b\n1,2\r3,4\n", 0, 2, 2, 0},
		{"quoted cr", "a,b\r\n1,\"x\ry\"\r\n", 2, 0, 0, 0},
		{"quoted lf", "a,b\r\n1,\"x\ny\"\r\n", 2, 0, 0, 0},
		{"crlf across reads", "a,\"" + pad + "\"\r\n1,2\r\n", 2, 0, 0, 0},
		{"nul", "a,b\n1,2\n3,\x004\n", 0, 3, 0, 3},
	} {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(c.body), 0o644)
		ff, err := scanFile(p, true)
		if err != nil {
			t.Fatal(err)
		}
		if ff.crlf != c.crlf || ff.lf != c.lf || ff.loneCRLine != c.loneCR || ff.nulLine != c.nul {
			t.Errorf("%s: crlf %d lf %d lone CR line %d NUL line %d, want %d %d %d %d",
				c.name, ff.crlf, ff.lf, ff.loneCRLine, ff.nulLine, c.crlf, c.lf, c.loneCR, c.nul)
		}
		lf, err := lfCopy(p)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(lf)
		os.Remove(lf)
		if want := strings.ReplaceAll(c.body, "\r\n", "\n"); string(got) != want {
			t.Errorf("%s: the LF copy differs from the file with CR LF made LF", c.name)
		}
	}
}

// TestNotLoadedQuotesAShortHeader: the "not loaded" line quotes at most
// 120 characters of an unrecognised file's header (a GeoJSON file's first
// line is a whole boundary).
func TestNotLoadedQuotesAShortHeader(t *testing.T) {
	line := `{"type":"FeatureCollection"` + strings.Repeat(`,[-1.24133014385077,54.7234432187391]`, 500)
	h := &Head{Path: "x.geojson", IsText: true, IsUTF8: true, Records: [][]string{{line}, {"x", "y"}}, Columns: []string{line, "b"}}
	got := unrecognisedReason(h)
	quoted := strings.TrimPrefix(got, "table whose header matches no known format: ")
	if quoted == got || !strings.HasPrefix(quoted, line[:120]+"…") || strings.Contains(quoted, line[:121]) {
		t.Errorf("not-loaded reason quotes too much or too little: %.300q", got)
	}
}
