package fetch

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step on every call.
func fakeClock(step time.Duration) func() time.Time {
	now := fetchTime
	return func() time.Time { now = now.Add(step); return now }
}

func TestProgressTerminal(t *testing.T) {
	var out strings.Builder
	p := newProgress(&out, true, "school-census", fakeClock(time.Second))
	p.start(0, 2000)
	p.add(1000)
	p.add(1000)
	p.finish(nil)
	got := out.String()
	for _, want := range []string{"\rschool-census", "[###############...............]  50% 1.0 kB of 2.0 kB", "[##############################] 100% 2.0 kB of 2.0 kB\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q lacks %q", got, want)
		}
	}
}

func TestProgressPlain(t *testing.T) {
	var out strings.Builder
	p := newProgress(&out, false, "lait", fakeClock(11*time.Second))
	p.start(0, -1)
	p.add(1500)
	p.start(1500, -1)
	p.add(500)
	p.finish(nil)
	got := out.String()
	want := "lait: downloading\nlait: 1.5 kB\nlait: resuming at 1.5 kB\nlait: 2.0 kB\nlait: done, 2.0 kB in 44s\n"
	if got != want {
		t.Errorf("output\n%q\nwant\n%q", got, want)
	}
	if strings.Contains(got, "\r") {
		t.Error("carriage return in plain output")
	}
}

func TestProgressFailureAndNil(t *testing.T) {
	var out strings.Builder
	p := newProgress(&out, false, "x", fakeClock(time.Millisecond))
	p.start(0, 10)
	p.finish(errors.New("boom"))
	if !strings.HasSuffix(out.String(), "x: failed after 0 B\n") {
		t.Errorf("output %q", out.String())
	}
	var none *progress = newProgress(nil, true, "x", time.Now)
	none.start(0, 1)
	none.add(1)
	none.finish(nil)
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1500: "1.5 kB", 2_500_000: "2.5 MB", 3_210_000_000: "3.21 GB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
