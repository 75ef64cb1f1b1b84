package loadtest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Budget is a limit one kind of run must meet: a p95 latency ceiling, a
// throughput floor, or both.
type Budget struct {
	Label     string // the run's label: a page kind, "mix" or "urls"
	P95       time.Duration
	MinPerSec float64
}

// ParseBudgets reads "school:p95=25ms,search:p95=15ms,mix:rps=400".
func ParseBudgets(s string) ([]Budget, error) {
	var out []Budget
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		label, rest, ok1 := strings.Cut(part, ":")
		key, val, ok2 := strings.Cut(rest, "=")
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("budget %q: want LABEL:p95=DURATION or LABEL:rps=N", part)
		}
		b := Budget{Label: label}
		var err error
		switch key {
		case "p95":
			b.P95, err = time.ParseDuration(val)
		case "rps":
			b.MinPerSec, err = strconv.ParseFloat(val, 64)
		default:
			err = fmt.Errorf("unknown measure %q (p95 or rps)", key)
		}
		if err != nil {
			return nil, fmt.Errorf("budget %q: %w", part, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// Check records in r.Failures every budget for r's label that r missed, and
// reports whether it met them all.
func Check(r *Result, budgets []Budget) bool {
	for _, b := range budgets {
		if b.Label != r.Label {
			continue
		}
		if limit := float64(b.P95.Microseconds()) / 1000; b.P95 > 0 && r.Total.P95 > limit {
			r.Failures = append(r.Failures, fmt.Sprintf("%s at %d clients: p95 %.1f ms > %.1f ms",
				r.Label, r.Clients, r.Total.P95, limit))
		}
		if b.MinPerSec > 0 && r.Total.PerSec < b.MinPerSec {
			r.Failures = append(r.Failures, fmt.Sprintf("%s at %d clients: %.0f req/s < %.0f req/s",
				r.Label, r.Clients, r.Total.PerSec, b.MinPerSec))
		}
	}
	return len(r.Failures) == 0
}
