package fetch

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// LogName is the fetch log written in the destination folder.
const LogName = "fetch-log.json"

// fetchLog is the fetch log's layout: the latest result for every source
// ever fetched into the folder, so a run with --only keeps the others.
type fetchLog struct {
	Updated time.Time `json:"updated"`
	Results []Result  `json:"results"`
}

// ReadLog reads DEST/fetch-log.json; a missing log is an empty one.
func ReadLog(dest string) ([]Result, error) {
	raw, err := os.ReadFile(filepath.Join(dest, LogName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var l fetchLog
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, fmt.Errorf("%s: %w", LogName, err)
	}
	return l.Results, nil
}

// writeLog merges results into the fetch log (replacing older entries for
// the same sources) and writes it atomically. An unreadable old log is
// replaced.
func writeLog(dest string, results []Result, now time.Time) error {
	old, _ := ReadLog(dest)
	merged := slices.DeleteFunc(old, func(r Result) bool {
		return slices.ContainsFunc(results, func(n Result) bool { return n.Source == r.Source })
	})
	merged = append(merged, results...)
	slices.SortStableFunc(merged, func(a, b Result) int { return cmp.Compare(a.Source, b.Source) })
	raw, err := json.MarshalIndent(fetchLog{Updated: now.UTC(), Results: merged}, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dest, LogName+".tmp")
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", LogName, err)
	}
	if err := os.Rename(tmp, filepath.Join(dest, LogName)); err != nil {
		return fmt.Errorf("write %s: %w", LogName, err)
	}
	return nil
}
