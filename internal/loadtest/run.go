package loadtest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Config is one load run against one list of targets.
type Config struct {
	Base     string // server root, e.g. http://127.0.0.1:8080
	Targets  []Target
	Clients  int           // concurrent clients, each with its own keep-alive connection
	Duration time.Duration // measured time
	Warmup   time.Duration // unmeasured time before it (fills caches)
	Prefill  bool          // request every target once before the warm-up, unmeasured
	// Rate is the total requests a second to send on a fixed schedule (open
	// loop); 0 means each client sends its next request as soon as its last
	// one ends (closed loop). At a fixed rate, latency counts from when a
	// request was due, so a slow server cannot hide its queue.
	Rate    float64
	Timeout time.Duration // per request; 0 means 30 s
	PID     int           // server process: measure its CPU time per request (Linux)
	// Every, when above 0, takes a Point every so often during the measured
	// time (requests, failures and, with PID, the server's resident memory)
	// into Result.Timeline, and passes each to Progress if it is set.
	Every    time.Duration
	Progress func(Point)
}

// sample is one measured request; status 0 is a transport error.
type sample struct {
	target  int32
	status  int16
	latency time.Duration
	bytes   int64
}

// Run drives the server as cfg says and returns what it measured.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Targets) == 0 || cfg.Clients < 1 || cfg.Duration <= 0 {
		return nil, errors.New("loadtest: need targets, at least one client and a duration")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	conns, err := newConns(cfg.Base, cfg.Clients, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, c := range conns {
			c.close()
		}
	}()
	if cfg.Prefill {
		prefill(ctx, conns, cfg)
	}
	if cfg.Warmup > 0 {
		closedLoop(ctx, conns, cfg, cfg.Warmup)
	}
	cpu0, cpuErr := cpuOf(cfg.PID)
	r, err := measure(ctx, conns, cfg)
	if err != nil {
		return nil, err
	}
	if cpu1, err := cpuOf(cfg.PID); err == nil && cpuErr == nil && cfg.PID > 0 && r.Total.Requests > 0 {
		r.ServerCPU = ms(cpu1-cpu0) / float64(r.Total.Requests)
	}
	return r, nil
}

// measure runs the measured part of a run, closed or open loop, and takes
// the timeline beside it when cfg.Every asks for one.
func measure(ctx context.Context, conns []*conn, cfg Config) (*Result, error) {
	var timeline <-chan []Point
	stop := make(chan struct{})
	if cfg.Every > 0 {
		timeline = watch(cfg, conns, stop)
	}
	start := time.Now()
	var got [][]sample
	missed := 0
	if cfg.Rate > 0 {
		got, missed = openLoop(ctx, conns, cfg)
	} else {
		got = closedLoop(ctx, conns, cfg, cfg.Duration)
	}
	elapsed := time.Since(start)
	close(stop)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := summarise(cfg, got, elapsed, missed)
	if timeline != nil {
		r.Timeline = <-timeline
	}
	return r, nil
}

func cpuOf(pid int) (time.Duration, error) {
	if pid <= 0 {
		return 0, nil
	}
	return ReadCPU(pid)
}

// closedLoop runs cfg.Clients workers for d, each starting at its own place
// in the target list, and returns each worker's samples.
func closedLoop(ctx context.Context, conns []*conn, cfg Config, d time.Duration) [][]sample {
	deadline := time.Now().Add(d)
	out := make([][]sample, cfg.Clients)
	var wg sync.WaitGroup
	for w := range cfg.Clients {
		wg.Go(func() {
			i := w * len(cfg.Targets) / cfg.Clients
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t := i % len(cfg.Targets)
				start := time.Now()
				out[w] = append(out[w], fetch(conns[w], cfg.Targets, t, start))
				i++
			}
		})
	}
	wg.Wait()
	return out
}

// prefill requests every target once, spread over the clients, so a run
// can measure a server whose caches hold the whole list.
func prefill(ctx context.Context, conns []*conn, cfg Config) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range cfg.Clients {
		wg.Go(func() {
			for t := int(next.Add(1) - 1); t < len(cfg.Targets) && ctx.Err() == nil; t = int(next.Add(1) - 1) {
				fetch(conns[w], cfg.Targets, t, time.Now())
			}
		})
	}
	wg.Wait()
}

// openLoop sends requests due every 1/Rate seconds to whichever client is
// free. A request due while every client is busy waits, up to a backlog of
// one second's requests; beyond that it is counted as missed.
func openLoop(ctx context.Context, conns []*conn, cfg Config) ([][]sample, int) {
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	due := make(chan time.Time, max(1, int(cfg.Rate)))
	missed := 0
	go func() {
		defer close(due)
		start := time.Now()
		for n := 0; ; n++ {
			at := start.Add(time.Duration(n) * interval)
			if at.Sub(start) >= cfg.Duration || ctx.Err() != nil {
				return
			}
			time.Sleep(time.Until(at))
			select {
			case due <- at:
			default:
				missed++
			}
		}
	}()
	out := make([][]sample, cfg.Clients)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range cfg.Clients {
		wg.Go(func() {
			for at := range due {
				t := int(next.Add(1)-1) % len(cfg.Targets)
				out[w] = append(out[w], fetch(conns[w], cfg.Targets, t, at))
			}
		})
	}
	wg.Wait()
	return out, missed
}

// fetch requests one target on c and reads the whole body; latency runs
// from since (now, or when the request was due) to the last byte.
func fetch(c *conn, targets []Target, t int, since time.Time) sample {
	s := sample{target: int32(t)}
	status, n, err := c.get(targets[t].Path)
	if err == nil {
		s.status, s.bytes = int16(status), n
	}
	s.latency = time.Since(since)
	c.count.add(int(s.status))
	return s
}
