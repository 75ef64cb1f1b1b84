package demo

import (
	"fmt"
	"sort"
	"strings"
)

// tribunalTable builds the SEND Tribunal appeal-rate presentation table:
// n years of three columns, the last year with two "in development" ones.
type tribunalTable struct {
	g     *generator
	width int
}

// pad widens a row to the table width with empty cells.
func (t *tribunalTable) pad(cells ...string) []string {
	out := make([]string, t.width)
	copy(out, cells)
	return out
}

// writeTribunal writes the table: title rows, year and measure rows, a
// CAPITALS row per region followed by its LAs, England totals, footnotes.
func (g *generator) writeTribunal() error {
	cal := g.w.cal
	t := &tribunalTable{g: g, width: 2 + 3*cal.n + 2}
	c, err := g.create("send_tribunal_appeal_rate_by_la.csv", bomCRLF, "")
	if err != nil {
		return err
	}
	c.row(t.pad(fmt.Sprintf("SEND Appeal rate table 1: Special Educational Needs - Appeal rate to the SEND Tribunal based on total appealable decisions1, by local authorities in England %d-%d2,3",
		cal.calendar(0), cal.calendar(cal.n-1)))...)
	c.row(t.pad()...)
	c.row(t.pad()...)
	c.row(t.yearRow()...)
	c.row(t.measureRow()...)
	for k, reg := range g.w.regions {
		row := t.pad(strings.ToUpper(reg.name))
		if k > 0 {
			row[t.width-4], row[t.width-2] = "  ", "  "
		}
		c.row(row...)
		for _, l := range t.regionLAs(reg) {
			c.row(t.laRow(l)...)
		}
	}
	for _, row := range t.englandRows() {
		c.row(row...)
	}
	for _, row := range g.tribunalFooter() {
		c.row(t.pad(row...)...)
	}
	return g.finish(c)
}

func (t *tribunalTable) yearRow() []string {
	row := t.pad("Local Authority", "LA code")
	for i := 0; i < t.g.w.cal.n; i++ {
		row[2+3*i] = itoa(t.g.w.cal.calendar(i))
	}
	return row
}

func (t *tribunalTable) measureRow() []string {
	row := t.pad()
	for i := 0; i < t.g.w.cal.n; i++ {
		dec := "Total Appealable Decisions1"
		if t.g.w.cal.calendar(i) >= 2023 {
			dec += ",9"
		}
		copy(row[2+3*i:], []string{"Appeals registered4", dec, "SEND Tribunal Appeal Rate2"})
	}
	copy(row[t.width-2:], []string{"In development: Total Appealable Decisions1,8", "In development: SEND Tribunal Appeal Rate2"})
	return row
}

// regionLAs lists every LA that ever belonged to the region, by name.
func (t *tribunalTable) regionLAs(reg *region) []*la {
	var out []*la
	for _, l := range t.g.w.las {
		if l.reg == reg {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return strings.ToLower(out[a].name) < strings.ToLower(out[b].name) })
	return out
}
