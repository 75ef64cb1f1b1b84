package demo

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

const snSheet = "LA SN Groups"

// neighbour is one statistical neighbour and how close it is.
type neighbour struct {
	l     *la
	label string
}

// laFeatures is what neighbours are matched on: deprivation, language,
// EHC prevalence and size, each scaled to unit spread.
func laFeatures(l *la) [4]float64 {
	return [4]float64{l.deprivation / 0.064, l.eal / 0.08, math.Log(l.ehcBias) / 0.18, math.Log(math.Max(l.weight, 0.05)) / 0.35}
}

// distance is how far apart two LAs' features are.
func distance(a, b *la) float64 {
	f, g := laFeatures(a), laFeatures(b)
	d := 0.0
	for j := range f {
		d += (f[j] - g[j]) * (f[j] - g[j])
	}
	return math.Sqrt(d)
}

// neighboursOf ranks the other LAs of pool by distance and keeps k,
// labelling each by where its distance falls among all pairs of the pool.
func neighboursOf(l *la, pool []*la, k int, title bool) []neighbour {
	var all []float64
	for a := range pool {
		for b := a + 1; b < len(pool); b++ {
			all = append(all, distance(pool[a], pool[b]))
		}
	}
	sort.Float64s(all)
	cut := func(p float64) float64 { return all[int(p*float64(len(all)-1))] }
	cuts := []float64{cut(0.03), cut(0.08), cut(0.2), cut(0.45)}
	others := make([]*la, 0, len(pool))
	for _, o := range pool {
		if o != l {
			others = append(others, o)
		}
	}
	sort.SliceStable(others, func(a, b int) bool { return distance(l, others[a]) < distance(l, others[b]) })
	var out []neighbour
	for _, o := range others[:min(k, len(others))] {
		out = append(out, neighbour{o, closeness(distance(l, o), cuts, title)})
	}
	return out
}

// closeness labels a distance as the DfE list does; the old-LA rows use
// title case ("Very Close"), the current rows sentence case.
func closeness(d float64, cuts []float64, title bool) string {
	labels := []string{"Extremely close", "Very close", "Close", "Somewhat close"}
	label := "Not close"
	for j, c := range cuts {
		if d <= c {
			label = labels[j]
			break
		}
	}
	if title {
		label = strings.Replace(label, " c", " C", 1)
	}
	return label
}

// snRow is one LA row: number, name, number, region index and name, then
// each neighbour's number and closeness.
func snRow(l *la, ns []neighbour) []interface{} {
	row := []interface{}{l.code, l.name, l.code, l.reg.idx + 1, l.reg.name}
	for _, n := range ns {
		row = append(row, n.l.code, n.label)
	}
	return row
}

// writeNeighbours writes the statistical neighbours workbook in the layout
// of the DfE list: two numbering rows, a header row, current LAs by name,
// then "Old SNs:" and the merged LAs. Demo size lists 6 neighbours, larger
// sizes 10. Document properties are fixed so the bytes never change.
func (g *generator) writeNeighbours() error {
	w := g.w
	k := 10
	if len(w.current(w.cal.n-1)) < 30 {
		k = 6
	}
	rows := [][]interface{}{snNumberRow(), snIndexRow(), snHeaderRow()}
	cur := sortedByName(w.current(w.cal.n - 1))
	for _, l := range cur {
		rows = append(rows, snRow(l, neighboursOf(l, cur, k, false)))
	}
	rows = append(rows, nil, []interface{}{nil, "Old SNs:"}, nil)
	before := w.current(w.merger.year - 1)
	for _, l := range w.merger.old {
		rows = append(rows, snRow(l, neighboursOf(l, before, k, true)))
	}
	return g.saveWorkbook("statistical_neighbours.xlsx", rows)
}

// saveWorkbook writes rows to the neighbours sheet of a new workbook.
func (g *generator) saveWorkbook(name string, rows [][]interface{}) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", snSheet); err != nil {
		return fmt.Errorf("demo: %s: %w", name, err)
	}
	for r, row := range rows {
		if row == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(snSheet, cell, &row); err != nil {
			return fmt.Errorf("demo: %s row %d: %w", name, r+1, err)
		}
	}
	fixed := "2025-05-01T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "sendash demo", LastModifiedBy: "sendash demo",
		Created: fixed, Modified: fixed, Title: "Statistical neighbours (fictional demo data)"}); err != nil {
		return fmt.Errorf("demo: %s: %w", name, err)
	}
	out, err := os.Create(filepath.Join(g.dir, name))
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return fmt.Errorf("demo: write %s: %w", name, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("demo: write %s: %w", name, err)
	}
	g.files = append(g.files, name)
	g.rows = append(g.rows, len(rows)-3)
	return nil
}

func snNumberRow() []interface{} {
	row := []interface{}{"A", "B", "C", "D", "E"}
	for n := 3; n <= 22; n++ {
		row = append(row, n)
	}
	return row
}

func snIndexRow() []interface{} {
	var row []interface{}
	for n := 1; n <= 25; n++ {
		row = append(row, n)
	}
	return row
}

func snHeaderRow() []interface{} {
	row := []interface{}{"LA num", "LA Name", "LA number", "GOInd", "GOReg"}
	for n := 1; n <= 10; n++ {
		row = append(row, fmt.Sprintf("SN%d", n), "SNP")
	}
	return row
}

// sortedByName copies las sorted by name, case-insensitively.
func sortedByName(las []*la) []*la {
	out := append([]*la(nil), las...)
	sort.SliceStable(out, func(a, b int) bool { return strings.ToLower(out[a].name) < strings.ToLower(out[b].name) })
	return out
}
