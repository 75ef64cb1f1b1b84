package loadtest

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Result is what one run measured, in total and per page kind.
type Result struct {
	Label   string           `json:"label"` // the page kind or list the run used
	Clients int              `json:"clients"`
	Rate    float64          `json:"rate,omitempty"` // requests a second asked for; 0: closed loop
	Seconds float64          `json:"seconds"`        // measured wall time
	Missed  int              `json:"missed,omitempty"`
	Total   Stats            `json:"total"`
	ByPage  map[string]Stats `json:"by_page,omitempty"` // only when the run mixed page kinds
	Memory  *Memory          `json:"server_memory,omitempty"`
	// ServerCPU is the server's CPU time (user+system, all threads) per
	// request in ms, when its process id is known: 1000/ServerCPU requests a
	// second is what one core can serve, whoever else shares the machine.
	ServerCPU float64  `json:"server_cpu_ms_per_req,omitempty"`
	Failures  []string `json:"failures,omitempty"` // budget misses, filled by Check and CheckGrowth
	// Timeline is the readings taken every Config.Every (none when it is 0).
	Timeline []Point `json:"timeline,omitempty"`
}

// Stats summarises a set of requests. Latencies are in milliseconds.
type Stats struct {
	Requests int            `json:"requests"`
	PerSec   float64        `json:"per_sec"`
	P50      float64        `json:"p50_ms"`
	P95      float64        `json:"p95_ms"`
	P99      float64        `json:"p99_ms"`
	Max      float64        `json:"max_ms"`
	Mean     float64        `json:"mean_ms"`
	Bytes    int64          `json:"bytes"`
	Status   map[string]int `json:"status"` // "200", "301", ..., "error"
}

// Failed reports whether any request failed: a 5xx, a transport error, or
// a 429 (the server's rate limit: the run measured the limiter, not pages).
func (s Stats) Failed() bool {
	for k, n := range s.Status {
		if n > 0 && FailStatus(k) {
			return true
		}
	}
	return false
}

// FailStatus reports whether a status count's key ("200", "error", ...)
// counts as a failed request.
func FailStatus(k string) bool {
	if k == "error" {
		return true
	}
	code, err := strconv.Atoi(k)
	return err == nil && failedStatus(code)
}

// failedStatus reports whether a response status (0: a transport error)
// counts as a failed request.
func failedStatus(code int) bool { return code == 0 || code == 429 || code >= 500 }

func summarise(cfg Config, got [][]sample, elapsed time.Duration, missed int) *Result {
	r := &Result{Clients: cfg.Clients, Rate: cfg.Rate, Seconds: elapsed.Seconds(), Missed: missed}
	var all []sample
	byPage := map[string][]sample{}
	for _, g := range got {
		all = append(all, g...)
		for _, s := range g {
			p := cfg.Targets[s.target].Page
			byPage[p] = append(byPage[p], s)
		}
	}
	r.Total = stats(all, elapsed)
	if len(byPage) > 1 {
		r.ByPage = map[string]Stats{}
		for p, ss := range byPage {
			r.ByPage[p] = stats(ss, elapsed)
		}
	}
	return r
}

func stats(ss []sample, elapsed time.Duration) Stats {
	st := Stats{Requests: len(ss), Status: map[string]int{}}
	if len(ss) == 0 {
		return st
	}
	lat := make([]time.Duration, len(ss))
	var sum time.Duration
	for i, s := range ss {
		lat[i] = s.latency
		sum += s.latency
		st.Bytes += s.bytes
		if s.status == 0 {
			st.Status["error"]++
		} else {
			st.Status[fmt.Sprint(s.status)]++
		}
	}
	slices.Sort(lat)
	st.PerSec = float64(len(ss)) / elapsed.Seconds()
	st.P50, st.P95, st.P99 = ms(pct(lat, 50)), ms(pct(lat, 95)), ms(pct(lat, 99))
	st.Max, st.Mean = ms(lat[len(lat)-1]), ms(sum/time.Duration(len(lat)))
	return st
}

// pct is the nearest-rank percentile of sorted latencies.
func pct(sorted []time.Duration, p int) time.Duration {
	i := (p*len(sorted) + 99) / 100
	return sorted[max(0, min(len(sorted)-1, i-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
