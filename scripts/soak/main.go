// Command soak drives a running sendash server at a fixed request rate over
// a list of pages, samples the server's resident memory, and fails on any
// 5xx or transport error. scripts/soak.sh builds the page list and runs it:
//
//	go run ./scripts/soak -base http://127.0.0.1:8080 -urls pages.txt -rate 50 -duration 10m -pid 1234
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "server address")
	urls := flag.String("urls", "", "file of paths, one a line (required)")
	rate := flag.Float64("rate", 50, "requests per second (open loop: requests start on schedule whatever the latency)")
	dur := flag.Duration("duration", 10*time.Minute, "how long to run")
	pid := flag.Int("pid", 0, "server process id, for resident memory samples (0: none)")
	every := flag.Duration("sample", 10*time.Second, "memory sample interval")
	warmup := flag.Bool("warmup", false, "request every page once, one at a time, before the timed run (a 5xx there fails too)")
	maxGrowth := flag.Float64("max-rss-growth", 0.5, "fail if resident memory at the end exceeds the sample after the first minute by this fraction")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *base, *urls, *rate, *dur, *pid, *every, *maxGrowth, *warmup); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// tally is the running count of outcomes.
type tally struct {
	mu        sync.Mutex
	status    map[int]int
	errs      map[string]int
	perMinute map[int][2]int // minute of the run -> requests, 5xx
	latencies []time.Duration
	first5xx  []string
}

func (t *tally) add(path string, code int, err error, d time.Duration, minute int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	pm := t.perMinute[minute]
	pm[0]++
	if err != nil || code >= 500 {
		pm[1]++
	}
	t.perMinute[minute] = pm
	if err != nil {
		t.errs[err.Error()]++
		return
	}
	t.status[code]++
	t.latencies = append(t.latencies, d)
	if code >= 500 && len(t.first5xx) < 10 {
		t.first5xx = append(t.first5xx, fmt.Sprintf("%d %s", code, path))
	}
}

func run(ctx context.Context, base, urlFile string, rate float64, dur time.Duration, pid int, every time.Duration, maxGrowth float64, warmup bool) error {
	paths, err := readPaths(urlFile)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}}
	t := &tally{status: map[int]int{}, errs: map[string]int{}, perMinute: map[int][2]int{}}
	if warmup {
		if err := warm(client, base, paths); err != nil {
			return err
		}
	}
	rss := sampleRSS(ctx, pid, every, dur)
	start := time.Now()
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var wg sync.WaitGroup
	inflight := make(chan struct{}, 512)
	sent, skipped := 0, 0
	r := rand.New(rand.NewPCG(1, 2))
loop:
	for time.Since(start) < dur {
		select {
		case <-ctx.Done():
			break loop
		case <-tick.C:
		}
		p := paths[r.IntN(len(paths))]
		select {
		case inflight <- struct{}{}:
		default:
			skipped++ // the server is more than 512 requests behind
			continue
		}
		sent++
		wg.Go(func() {
			defer func() { <-inflight }()
			t0 := time.Now()
			code, err := get(client, base+p)
			t.add(p, code, err, time.Since(t0), int(t0.Sub(start)/time.Minute))
		})
	}
	wg.Wait()
	samples := <-rss
	return report(t, sent, skipped, time.Since(start), samples, maxGrowth)
}

// warm requests each page once in turn, so the timed run starts from a
// warm page cache as a server does after its first minutes.
func warm(c *http.Client, base string, paths []string) error {
	start := time.Now()
	for _, p := range paths {
		code, err := get(c, base+p)
		if err != nil || code >= 500 {
			return fmt.Errorf("warm-up %s: %d %v", p, code, err)
		}
	}
	fmt.Printf("warm-up: %d pages in %s\n", len(paths), time.Since(start).Round(time.Second))
	return nil
}

func get(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

func readPaths(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if l := strings.TrimSpace(s.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no paths", name)
	}
	return out, s.Err()
}

// rssSample is one reading of the server's resident memory.
type rssSample struct {
	at time.Duration
	kb int
}

// sampleRSS reads VmRSS of pid every interval (and once at the end) and
// sends all samples when the run is over.
func sampleRSS(ctx context.Context, pid int, every, dur time.Duration) <-chan []rssSample {
	out := make(chan []rssSample, 1)
	if pid == 0 {
		out <- nil
		return out
	}
	go func() {
		start := time.Now()
		var got []rssSample
		read := func() {
			if kb, err := vmRSS(pid); err == nil {
				got = append(got, rssSample{time.Since(start).Round(time.Second), kb})
				fmt.Printf("t=%-5s rss=%d kB\n", time.Since(start).Round(time.Second), kb)
			}
		}
		read()
		tk := time.NewTicker(every)
		defer tk.Stop()
		end := time.After(dur)
		for {
			select {
			case <-tk.C:
				read()
			case <-end:
				read()
				out <- got
				return
			case <-ctx.Done():
				read()
				out <- got
				return
			}
		}
	}()
	return out
}

func vmRSS(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			return strconv.Atoi(f[1])
		}
	}
	return 0, errors.New("no VmRSS")
}

func report(t *tally, sent, skipped int, took time.Duration, rss []rssSample, maxGrowth float64) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	slices.Sort(t.latencies)
	pct := func(p float64) time.Duration {
		if len(t.latencies) == 0 {
			return 0
		}
		return t.latencies[min(len(t.latencies)-1, int(p*float64(len(t.latencies))))]
	}
	n5xx, nerr := 0, 0
	for code, n := range t.status {
		if code >= 500 {
			n5xx += n
		}
	}
	for _, n := range t.errs {
		nerr += n
	}
	fmt.Printf("requests %d in %s (%.1f/s), skipped %d\n", sent, took.Round(time.Second), float64(sent)/took.Seconds(), skipped)
	fmt.Printf("status %v\n", t.status)
	fmt.Printf("latency p50 %s p95 %s p99 %s max %s\n", pct(.5), pct(.95), pct(.99), pct(1))
	fmt.Printf("5xx %d, transport errors %d %v\n", n5xx, nerr, t.errs)
	for m := 0; m < len(t.perMinute); m++ {
		fmt.Printf("minute %d: %d requests, %d failed\n", m+1, t.perMinute[m][0], t.perMinute[m][1])
	}
	var problems []string
	if len(rss) > 0 {
		first, last := rss[0], rss[len(rss)-1]
		warm := first
		for _, s := range rss {
			if s.at <= time.Minute {
				warm = s
			}
		}
		peak := slices.MaxFunc(rss, func(a, b rssSample) int { return a.kb - b.kb })
		fmt.Printf("rss start %d kB, after warm-up (%s) %d kB, end %d kB, peak %d kB\n", first.kb, warm.at, warm.kb, last.kb, peak.kb)
		if float64(last.kb) > float64(warm.kb)*(1+maxGrowth) {
			problems = append(problems, fmt.Sprintf("resident memory grew from %d kB to %d kB", warm.kb, last.kb))
		}
	}
	if n5xx > 0 {
		problems = append(problems, fmt.Sprintf("%d responses were 5xx (first: %v)", n5xx, t.first5xx))
	}
	if nerr > 0 {
		problems = append(problems, fmt.Sprintf("%d requests failed", nerr))
	}
	if skipped > 0 {
		problems = append(problems, fmt.Sprintf("%d requests skipped: the server fell behind", skipped))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	fmt.Println("soak: ok")
	return nil
}
