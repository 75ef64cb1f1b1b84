package fetch

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// bigSize is how much the streaming tests download or unpack: far more
// than the allocation budget, so a copy held in memory would show.
const (
	bigSize     = 64 << 20
	allocBudget = 16 << 20
)

// TestFetchStreamsToDisk: a 64 MB download (served as the LA boundaries)
// and a zip whose NSPL member unpacks to 64 MB (served as the NSPL) are
// each fetched while allocating far less than their size: the body goes
// to the .part file, the hash and header check read it in pieces, and
// unzip copies each member to disk.
func TestFetchStreamsToDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 128 MB")
	}
	nsplZip := bigNSPLZip(t)
	ts := newTestServer(t, sourcePayloads(t))
	ts.handle("la-boundaries", func(w http.ResponseWriter, r *http.Request) {
		head := []byte(`{"type":"FeatureCollection","features":[{"properties":{"CTYUA24CD":"E06999999"}}]}`)
		w.Header().Set("Content-Length", strconv.Itoa(bigSize))
		w.Write(head)
		writeRepeated(w, []byte("        \n"), bigSize-len(head))
	})
	ts.handle("nspl", func(w http.ResponseWriter, r *http.Request) { w.Write(nsplZip) })
	for _, name := range []string{"la-boundaries", "nspl"} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(t, ts)
			cfg.Only = []string{name}
			alloc := totalAlloc()
			if _, err := Fetch(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			got := totalAlloc() - alloc
			if got > allocBudget {
				t.Errorf("allocated %d MB fetching %d MB", got>>20, bigSize>>20)
			}
			t.Logf("allocated %d KB", got>>10)
			if name == "nspl" {
				fi, err := os.Stat(filepath.Join(cfg.Dest, "nspl", "Data", "NSPL_BIG_UK.csv"))
				if err != nil || fi.Size() < bigSize {
					t.Errorf("unpacked member: %v, %v", fi, err)
				}
			}
		})
	}
}

// bigNSPLZip is a zip whose main NSPL member unpacks to bigSize bytes of
// one repeated row; deflate makes the archive itself small.
func bigNSPLZip(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("Data/NSPL_BIG_UK.csv")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("pcd,pcds,doterm,oseast1m,osnrth1m,lat,long\r\n"))
	writeRepeated(w, []byte(`"NW3 2BQ","NW3 2BQ","","500000","0200000",51.54479,-0.15399`+"\r\n"), bigSize)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeRepeated writes unit again and again until n bytes are written.
func writeRepeated(w interface{ Write([]byte) (int, error) }, unit []byte, n int) {
	chunk := bytes.Repeat(unit, 32<<10/len(unit)+1)
	for n > 0 {
		k, err := w.Write(chunk[:min(n, len(chunk))])
		if err != nil {
			return
		}
		n -= k
	}
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
