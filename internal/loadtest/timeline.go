package loadtest

import (
	"fmt"
	"sync/atomic"
	"time"
)

// Point is one reading taken during a run's measured part: the requests
// completed and failed since it began and, with the server's process id, the
// server's resident memory. A soak test reads them for a leak or for failures
// that begin late.
type Point struct {
	Seconds  float64 `json:"seconds"`
	Requests int64   `json:"requests"`
	Failed   int64   `json:"failed"`
	RSSKB    int64   `json:"rss_kb,omitempty"`
}

// counter counts one client's requests while a run goes on, for the timeline.
type counter struct {
	done, failed atomic.Int64
}

func (c *counter) add(status int) {
	c.done.Add(1)
	if failedStatus(status) {
		c.failed.Add(1)
	}
}

// settle is how long a server takes to fill its caches: CheckGrowth compares
// the memory at the end of a run with the memory after it.
const settle = time.Minute

// watch takes a Point at once, every cfg.Every and when stop closes, calling
// cfg.Progress with each, and sends them all when it has stopped.
func watch(cfg Config, conns []*conn, stop <-chan struct{}) <-chan []Point {
	out := make(chan []Point, 1)
	go func() {
		start := time.Now()
		var base Point
		base.Requests, base.Failed = total(conns)
		var got []Point
		take := func() {
			p := Point{Seconds: time.Since(start).Seconds()}
			p.Requests, p.Failed = total(conns)
			p.Requests, p.Failed = p.Requests-base.Requests, p.Failed-base.Failed
			if cfg.PID > 0 {
				if m, err := ReadMemory(cfg.PID); err == nil {
					p.RSSKB = m.RSSKB
				}
			}
			got = append(got, p)
			if cfg.Progress != nil {
				cfg.Progress(p)
			}
		}
		take()
		tick := time.NewTicker(cfg.Every)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				take()
			case <-stop:
				take()
				out <- got
				return
			}
		}
	}()
	return out
}

func total(conns []*conn) (done, failed int64) {
	for _, c := range conns {
		done += c.count.done.Load()
		failed += c.count.failed.Load()
	}
	return done, failed
}

// CheckGrowth records in r.Failures a server whose resident memory at the end
// of the run is more than maxGrowth (0.5: half) above what it was once the
// server had settled: the last Point at or before the run's first minute.
// It reports whether the run passed; a run without memory readings passes.
func CheckGrowth(r *Result, maxGrowth float64) bool {
	var settled, last *Point
	for i := range r.Timeline {
		p := &r.Timeline[i]
		if p.RSSKB == 0 {
			continue
		}
		if settled == nil || p.Seconds <= settle.Seconds() {
			settled = p
		}
		last = p
	}
	if last == nil || float64(last.RSSKB) <= float64(settled.RSSKB)*(1+maxGrowth) {
		return true
	}
	r.Failures = append(r.Failures, fmt.Sprintf("%s at %d clients: server resident memory grew from %d kB at %.0f s to %d kB at %.0f s (more than %.0f%%)",
		r.Label, r.Clients, settled.RSSKB, settled.Seconds, last.RSSKB, last.Seconds, maxGrowth*100))
	return false
}
