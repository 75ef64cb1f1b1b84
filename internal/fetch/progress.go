package fetch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

const (
	barWidth      = 30
	terminalEvery = 100 * time.Millisecond
	plainEvery    = 10 * time.Second
)

// progress shows how far one file's download has got: a bar redrawn in
// place with \r on a terminal, or a plain line every few seconds otherwise.
// A nil *progress shows nothing.
type progress struct {
	w        io.Writer
	terminal bool
	name     string
	now      func() time.Time
	started  time.Time
	last     time.Time
	done     int64
	total    int64
	begun    bool
}

func newProgress(w io.Writer, terminal bool, name string, now func() time.Time) *progress {
	if w == nil {
		return nil
	}
	return &progress{w: w, terminal: terminal, name: name, now: now, total: -1}
}

// start is called at the beginning of each attempt with the bytes already
// on disk and the expected total (-1 if unknown).
func (p *progress) start(done, total int64) {
	if p == nil {
		return
	}
	p.done, p.total, p.last = done, total, p.now()
	switch {
	case !p.begun:
		p.begun, p.started = true, p.last
		if !p.terminal {
			fmt.Fprintf(p.w, "%s: downloading%s\n", p.name, sizeSuffix(total))
		}
	case !p.terminal && done > 0:
		fmt.Fprintf(p.w, "%s: resuming at %s\n", p.name, humanBytes(done))
	case !p.terminal:
		fmt.Fprintf(p.w, "%s: starting again\n", p.name)
	}
	if p.terminal {
		p.draw()
	}
}

// add counts n more bytes and redraws when enough time has passed.
func (p *progress) add(n int64) {
	if p == nil {
		return
	}
	p.done += n
	now := p.now()
	every := plainEvery
	if p.terminal {
		every = terminalEvery
	}
	if now.Sub(p.last) >= every {
		p.last = now
		p.draw()
	}
}

// finish draws the final state and ends the line.
func (p *progress) finish(err error) {
	if p == nil || !p.begun {
		return
	}
	elapsed := p.now().Sub(p.started).Round(time.Millisecond)
	if p.terminal {
		p.draw()
		fmt.Fprintln(p.w)
	}
	if err != nil {
		fmt.Fprintf(p.w, "%s: failed after %s\n", p.name, humanBytes(p.done))
		return
	}
	if !p.terminal {
		fmt.Fprintf(p.w, "%s: done, %s in %s\n", p.name, humanBytes(p.done), elapsed)
	}
}

func (p *progress) draw() {
	if !p.terminal {
		if p.done > 0 {
			fmt.Fprintf(p.w, "%s: %s\n", p.name, p.amount())
		}
		return
	}
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r%-30s %s", p.name, humanBytes(p.done))
		return
	}
	filled := int(min(p.done, p.total) * barWidth / p.total)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled)
	fmt.Fprintf(p.w, "\r%-30s [%s] %s", p.name, bar, p.amount())
}

func (p *progress) amount() string {
	if p.total <= 0 {
		return humanBytes(p.done)
	}
	pct := min(p.done, p.total) * 100 / p.total
	return fmt.Sprintf("%3d%% %s of %s", pct, humanBytes(p.done), humanBytes(p.total))
}

func sizeSuffix(total int64) string {
	if total < 0 {
		return ""
	}
	return " (" + humanBytes(total) + ")"
}

// humanBytes formats a byte count with SI units (kB, MB, GB).
func humanBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
