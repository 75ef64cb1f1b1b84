package loadtest

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Memory is a process's resident memory, read from /proc (Linux only).
type Memory struct {
	RSSKB  int64 `json:"rss_kb"`  // resident now (VmRSS)
	PeakKB int64 `json:"peak_kb"` // the most it has been resident (VmHWM)
}

// ReadMemory reads the resident memory of process pid from /proc/PID/status.
func ReadMemory(pid int) (*Memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, fmt.Errorf("server memory: %w", err)
	}
	defer f.Close()
	m := &Memory{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("server memory: %s: %w", key, err)
		}
		if key == "VmRSS" {
			m.RSSKB = kb
		} else {
			m.PeakKB = kb
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("server memory: %w", err)
	}
	return m, nil
}

// userHZ is the unit of the CPU times in /proc/PID/stat: fixed at 100 a
// second on Linux whatever the kernel's own tick rate.
const userHZ = 100

// ReadCPU returns the CPU time process pid has used so far, user plus
// system, from /proc/PID/stat. Per request, it measures cost where latency
// on a shared machine measures mostly the neighbours.
func ReadCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("server CPU: %w", err)
	}
	// Fields after the command name (which may hold spaces) start at state:
	// utime and stime are the 12th and 13th of them.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("server CPU: short /proc/%d/stat", pid)
	}
	var ticks int64
	for _, x := range f[11:13] {
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("server CPU: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}
