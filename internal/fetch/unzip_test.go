package fetch

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeZip(t *testing.T, members map[string][]byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "a.zip")
	if err := os.WriteFile(name, buildZip(t, members), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestUnzip(t *testing.T) {
	archive := writeZip(t, map[string][]byte{"data/a.csv": []byte("x\n"), "b.txt": []byte("y")})
	dir := filepath.Join(t.TempDir(), "out")
	files, err := unzipTo(archive, dir, 100)
	if err != nil || strings.Join(files, " ") != "b.txt data/a.csv" {
		t.Fatalf("files %v, err %v", files, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data", "a.csv")); string(b) != "x\n" {
		t.Errorf("a.csv = %q", b)
	}
}

// TestUnzipRejectsZipSlip: members that would land outside the folder are
// refused and nothing is written.
func TestUnzipRejectsZipSlip(t *testing.T) {
	for _, name := range []string{"../evil.csv", "/abs/evil.csv", `data\..\..\evil.csv`, "a/../../evil.csv"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			archive := writeZip(t, map[string][]byte{"ok.csv": []byte("ok"), name: []byte("evil")})
			dir := filepath.Join(root, "sub", "out")
			os.MkdirAll(filepath.Dir(dir), 0o755)
			_, err := unzipTo(archive, dir, 1000)
			if err == nil || !strings.Contains(err.Error(), "unsafe path") {
				t.Fatalf("err = %v", err)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Error("output folder left behind")
			}
			if _, err := os.Stat(filepath.Join(root, "sub", "evil.csv")); err == nil {
				t.Error("escaped file written")
			}
		})
	}
}

func TestUnzipRejectsLinks(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: "link.csv"}
	h.SetMode(os.ModeSymlink | 0o777)
	w, _ := zw.CreateHeader(h)
	w.Write([]byte("/etc/passwd"))
	zw.Close()
	archive := filepath.Join(t.TempDir(), "l.zip")
	os.WriteFile(archive, buf.Bytes(), 0o644)
	if _, err := unzipTo(archive, filepath.Join(t.TempDir(), "out"), 1000); err == nil ||
		!strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("err = %v", err)
	}
}

// TestUnzipCapsTotalSize: an archive that unpacks past the cap (a zip
// bomb) is refused, by its declared sizes or by the bytes actually written.
func TestUnzipCapsTotalSize(t *testing.T) {
	big := bytes.Repeat([]byte("0"), 10000)
	archive := writeZip(t, map[string][]byte{"a.csv": big, "b.csv": big})
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := unzipTo(archive, dir, 15000); !errors.Is(err, ErrZipTooBig) {
		t.Fatalf("declared sizes: err = %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("output folder left behind")
	}
	f, _ := zip.OpenReader(archive)
	defer f.Close()
	out := filepath.Join(t.TempDir(), "a.csv")
	if _, err := extract(f.File[0], out, 5000); !errors.Is(err, ErrZipTooBig) {
		t.Fatalf("written bytes: err = %v", err)
	}
}
