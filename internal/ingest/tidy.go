package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// An ingest killed before its deferred clean-up (kill -9, power loss)
// leaves files behind: beside the target its half-built database
// TARGET.building-PID with its .wal and its DuckDB spill folder .tmp, and
// in the system temporary folder its run folder sendash-ingest-PID-*
// (which holds excelize's extracted worksheets, see RunTempDir) and the
// built-in reference files sendash-builtin-PID-*. Every name carries the
// process id, so the next ingest removes only what belongs to a process
// that no longer runs, and says so.

// runDirPrefix and builtinPrefix begin the names of an ingest's folders in
// the system temporary folder; the process id follows, then "-".
const (
	runDirPrefix  = "sendash-ingest-"
	builtinPrefix = "sendash-builtin-"
)

// legacyAge is how old a sendash-builtin folder without a process id (made
// by a sendash from before they carried one) must be to be removed.
const legacyAge = time.Hour

// RunTempDir makes this process's temporary folder for an ingest in
// parent, named with the process id: `sendash ingest` points TMPDIR at it
// while it runs, so what libraries write there (excelize's worksheets of a
// large xlsx) is removed with it, or by the next ingest if this one is
// killed.
func RunTempDir(parent string) (string, error) {
	return os.MkdirTemp(parent, fmt.Sprintf("%s%d-", runDirPrefix, os.Getpid()))
}

// tidy removes what killed ingests left beside target and in tmpDir,
// logs each removal and returns the messages for the summary.
func tidy(target, tmpDir string, logger *slog.Logger) []string {
	var done []string
	say := func(what, path string, pid int) {
		msg := fmt.Sprintf("removed %s left by ingest process %d, which is no longer running: %s", what, pid, path)
		if pid == 0 {
			msg = fmt.Sprintf("removed %s left by an earlier sendash: %s", what, path)
		}
		logger.Warn(msg)
		done = append(done, msg)
	}
	matches, _ := filepath.Glob(target + ".building-*")
	for _, m := range matches {
		rest := strings.TrimPrefix(m, target+".building-")
		what := "a half-built database"
		switch {
		case strings.HasSuffix(rest, ".wal"):
			rest, what = strings.TrimSuffix(rest, ".wal"), "a half-built database's log"
		case strings.HasSuffix(rest, ".tmp"):
			rest, what = strings.TrimSuffix(rest, ".tmp"), "a spill folder"
		}
		pid, err := strconv.Atoi(rest)
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		if os.RemoveAll(m) == nil {
			say(what, m, pid)
		}
	}
	if tmpDir == "" {
		tmpDir = os.TempDir()
	}
	entries, _ := os.ReadDir(tmpDir)
	for _, e := range entries {
		name := e.Name()
		var what, rest string
		switch {
		case strings.HasPrefix(name, runDirPrefix):
			what, rest = "a temporary folder", strings.TrimPrefix(name, runDirPrefix)
		case strings.HasPrefix(name, builtinPrefix):
			what, rest = "a folder of built-in reference files", strings.TrimPrefix(name, builtinPrefix)
		default:
			continue
		}
		if !e.IsDir() {
			continue
		}
		p := filepath.Join(tmpDir, name)
		digits, _, hasPID := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(digits)
		switch {
		case hasPID && err == nil:
			if pid == os.Getpid() || processAlive(pid) {
				continue
			}
		case strings.HasPrefix(name, builtinPrefix):
			// made before the names carried a process id: removed once
			// no ingest could still be reading it
			fi, err := e.Info()
			if err != nil || time.Since(fi.ModTime()) < legacyAge {
				continue
			}
			pid = 0
		default:
			continue
		}
		if os.RemoveAll(p) == nil {
			say(what, p, pid)
		}
	}
	return done
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// lockTarget stops two ingests building one target at once: it holds an
// flock on TARGET.lock, which holds the holder's process id, until unlock.
// The kernel drops the lock when its process dies, so a killed ingest's
// lock file is taken over (note says so); a live one's makes the second
// ingest refuse, naming the first's process id.
func lockTarget(target string) (unlock func(), note string, err error) {
	path := target + ".lock"
	for range 5 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			defer f.Close()
			if !errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, "", fmt.Errorf("lock %s: %w", path, err)
			}
			holder := lockHolder(f)
			if holder == 0 { // it has the lock but has not written its id yet
				time.Sleep(100 * time.Millisecond)
				holder = lockHolder(f)
			}
			return nil, "", fmt.Errorf("another ingest (process %d) is building %s: wait for it to finish, or stop it, then try again (lock file %s)", holder, target, path)
		}
		// The holder before us may have removed the file after we opened
		// it: a lock on that removed file locks nothing, so start again.
		if fi, err := f.Stat(); err != nil || !sameFile(fi, path) {
			f.Close()
			continue
		}
		if old := lockHolder(f); old != 0 && old != os.Getpid() {
			note = fmt.Sprintf("took over the lock %s left by ingest process %d, which is no longer running", path, old)
		}
		if err := f.Truncate(0); err == nil {
			_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		if err != nil {
			f.Close()
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		return func() { os.Remove(path); f.Close() }, note, nil
	}
	return nil, "", fmt.Errorf("lock %s: it keeps being replaced; is another ingest starting and stopping?", path)
}

// lockHolder reads the process id in a lock file, 0 if none.
func lockHolder(f *os.File) int {
	b, _ := io.ReadAll(io.NewSectionReader(f, 0, 64))
	pid, _ := strconv.Atoi(string(bytes.TrimSpace(b)))
	return pid
}

func sameFile(fi os.FileInfo, path string) bool {
	now, err := os.Stat(path)
	return err == nil && os.SameFile(fi, now)
}
