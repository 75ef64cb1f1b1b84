package demo

import (
	"fmt"
	"math"
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

// neighboursOf ranks the other LAs of pool by distance and keeps k.
func neighboursOf(l *la, pool []*la, k int, title bool) []neighbour {
	f := laFeatures(l)
	type cand struct {
		l *la
		d float64
	}
	var cs []cand
	for _, o := range pool {
		if o != l {
			g := laFeatures(o)
			d := 0.0
			for j := range f {
				d += (f[j] - g[j]) * (f[j] - g[j])
			}
			cs = append(cs, cand{o, math.Sqrt(d)})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].d < cs[b].d })
	var out []neighbour
	for _, c := range cs[:min(k, len(cs))] {
		out = append(out, neighbour{c.l, closeness(c.d, title)})
	}
	return out
}

// closeness labels a distance as the DfE list does; the old-LA rows use
// title case ("Very Close"), the current rows sentence case.
func closeness(d float64, title bool) string {
	label := "Not close"
	switch {
	case d < 0.8:
		label = "Extremely close"
	case d < 1.3:
		label = "Very close"
	case d < 1.9:
		label = "Close"
	case d < 2.6:
		label = "Somewhat close"
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
	if err := f.SaveAs(filepath.Join(g.dir, name)); err != nil {
		return fmt.Errorf("demo: save %s: %w", name, err)
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
