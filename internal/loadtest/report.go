package loadtest

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteTable writes one line per run, and for a run that mixed page kinds
// one indented line per kind, then any budget failures.
func WriteTable(w io.Writer, results []*Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page\tclients\trate\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tKB/req\tCPU ms/req\tstatus\tserver RSS MB\t")
	for _, r := range results {
		rate := "-"
		if r.Rate > 0 {
			rate = fmt.Sprintf("%g", r.Rate)
		}
		row(tw, r.Label, r.Clients, rate, r.Total, cpuText(r.ServerCPU), memMB(r.Memory))
		pages := make([]string, 0, len(r.ByPage))
		for p := range r.ByPage {
			pages = append(pages, p)
		}
		slices.Sort(pages)
		for _, p := range pages {
			row(tw, r.Label+"/"+p, r.Clients, rate, r.ByPage[p], "", "")
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range results {
		if r.Missed > 0 {
			fmt.Fprintf(w, "%s: %d requests missed their slot: every client was busy\n", r.Label, r.Missed)
		}
		for _, f := range r.Failures {
			fmt.Fprintf(w, "OVER BUDGET: %s\n", f)
		}
	}
	return nil
}

func row(w io.Writer, label string, clients int, rate string, s Stats, cpu, mem string) {
	kb := 0.0
	if s.Requests > 0 {
		kb = float64(s.Bytes) / float64(s.Requests) / 1024
	}
	fmt.Fprintf(w, "%s\t%d\t%s\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t\n",
		label, clients, rate, s.Requests, s.PerSec, s.P50, s.P95, s.P99, s.Max, kb, cpu, statusText(s), mem)
}

func statusText(s Stats) string {
	keys := make([]string, 0, len(s.Status))
	for k := range s.Status {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s:%d", k, s.Status[k])
	}
	return strings.Join(parts, " ")
}

func cpuText(ms float64) string {
	if ms == 0 {
		return ""
	}
	return fmt.Sprintf("%.1f", ms)
}

func memMB(m *Memory) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf("%.0f (peak %.0f)", float64(m.RSSKB)/1024, float64(m.PeakKB)/1024)
}
