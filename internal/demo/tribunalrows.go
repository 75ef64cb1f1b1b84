package demo

import "slices"

// appealCell shows zero appeals as " - ", as the table does.
func appealCell(n int) string {
	if n == 0 {
		return " - "
	}
	return thousands(n)
}

// laRow is one LA: name with footnote digit if merged, code, and for each
// year appeals, decisions and rate; " .. " where the LA did not exist.
func (t *tribunalTable) laRow(l *la) []string {
	w := t.g.w
	name, code := l.name, itoa(l.code)
	if l.succ != nil || l == w.merger.succ {
		name += "5"
	}
	if l == w.merger.old[1] {
		code = ""
	}
	row := t.pad(name, code)
	n := w.cal.n
	for i := 0; i < n; i++ {
		at := row[2+3*i:]
		s := &t.g.series[l.idx][i]
		switch {
		case l.exists(i):
			copy(at, []string{appealCell(s.appeals), thousands(s.decisions), pctTribunal(pctOf(s.appeals, s.decisions))})
		case i == n-1 && l.succ != nil:
			copy(at, []string{"", "  ", "", "  ", ""})
		default:
			copy(at, []string{" .. ", " .. ", " .. "})
		}
	}
	if s := &t.g.series[l.idx][n-1]; l.exists(n - 1) {
		row[t.width-2], row[t.width-1] = thousands(s.devDec), pctTribunal(pctOf(s.appeals, s.devDec))
		if slices.Contains(w.plan.inDevSupp, l) {
			row[t.width-2], row[t.width-1] = " x ", "x"
		}
	}
	return row
}

// englandRows are the England total (footnotes 4 and 9) and the total
// excluding LAs whose in-development figures are suppressed.
func (t *tribunalTable) englandRows() [][]string {
	w := t.g.w
	n := w.cal.n
	total := t.pad("England Total4,9")
	for i := 0; i < n; i++ {
		app, dec := 0, 0
		for _, l := range w.current(i) {
			app += t.g.series[l.idx][i].appeals
			dec += t.g.series[l.idx][i].decisions
		}
		copy(total[2+3*i:], []string{thousands(app), thousands(dec), pctTribunal(pctOf(app, dec))})
	}
	allApp, keptApp, devDec := 0, 0, 0
	for _, l := range w.current(n - 1) {
		s := &t.g.series[l.idx][n-1]
		allApp += s.appeals
		if !slices.Contains(w.plan.inDevSupp, l) {
			keptApp += s.appeals
			devDec += s.devDec
		}
	}
	total[t.width-2], total[t.width-1] = thousands(devDec), pctTribunal(pctOf(allApp, devDec))
	excl := t.pad("England total excluding suppressed")
	excl[t.width-5], excl[t.width-2], excl[t.width-1] = thousands(keptApp), thousands(devDec), pctTribunal(pctOf(keptApp, devDec))
	return [][]string{total, excl}
}
