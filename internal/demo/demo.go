// Package demo writes a deterministic, wholly fictional data set in exactly
// the published formats of the real files sendash reads (same header lines,
// byte-order marks, line endings, markers and quirks), so the demo site and
// the tests run through the same ingest code as real downloads.
//
// Every name is invented and every LA code (951-963 at demo size, 401 and
// up at national size) is unused by DfE. The same Seed and Scale always give
// the same bytes: randomness comes only from math/rand/v2 PCG streams seeded
// from Options.Seed, and nothing depends on map order or the clock.
package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Options choose the generated world.
type Options struct {
	// Seed selects the world; the same Seed and Scale give the same bytes.
	Seed uint64
	// Scale 1 is the demo size (3 regions, 12 LAs, about 600 schools, 6
	// years); Scale 10 is about national size (9 regions, 150 LAs, about
	// 24,000 schools, 10 years); sizes in between are interpolated.
	Scale int
}

// generator writes the files of one world and remembers what it wrote.
type generator struct {
	dir    string
	w      *world
	agg    [][]laYear     // [LA index][year index], filled by the school pass
	series [][]laSeries   // [LA index][year index], derived from agg
	track  []fallingTrack // [school index], last four years, for the README
	files  []string
	rows   []int // data rows of each file, for the README
}

// Generate writes the data set into dir (created if needed) and returns the
// names of the files written, in a fixed order. Data files left in dir by an
// earlier run (other years or scale) are removed first, so the folder holds
// one consistent set. School-level files are streamed year by year, so
// memory stays small even at national scale.
func Generate(dir string, opt Options) (files []string, err error) {
	if opt.Scale < 1 {
		return nil, fmt.Errorf("demo: scale %d: must be 1 or more", opt.Scale)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := removeOldSet(dir); err != nil {
		return nil, err
	}
	w := newWorld(opt)
	g := &generator{dir: dir, w: w, agg: make([][]laYear, len(w.las))}
	g.track = make([]fallingTrack, len(w.schools))
	for i := range g.agg {
		g.agg[i] = make([]laYear, w.size.years)
	}
	steps := []func() error{
		g.writeSchoolFiles, g.seriesStep, g.writeCaseload, g.writeTimeliness,
		g.writeExclusionsByCharacteristic, g.writeTribunal, g.writeLAIT,
		g.writeNeighbours, g.writeLACodes, g.writeLAEstabLookup, g.writeLAChanges, g.writePostcodes,
		g.writeGIAS, g.writeSchoolInfo, g.writeReadme,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g.files, nil
}

// seriesStep derives the LA-level series once the school pass is done.
func (g *generator) seriesStep() error {
	g.buildSeries()
	return nil
}

// create opens a CSV in the output folder and records it.
func (g *generator) create(name string, style lineStyle, header string) (*csvFile, error) {
	c, err := createCSV(g.dir, name, style)
	if err != nil {
		return nil, err
	}
	if header != "" {
		c.header(header)
	}
	return c, nil
}

// finish closes a CSV and records its name and row count.
func (g *generator) finish(c *csvFile) error {
	if err := c.close(); err != nil {
		return err
	}
	g.files = append(g.files, c.name)
	g.rows = append(g.rows, c.rows)
	return nil
}

// removeOldSet deletes the CSV and xlsx files in dir whose names this
// package writes, leaving every other file alone.
func removeOldSet(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !(strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".xlsx")) {
			continue
		}
		for _, fk := range fileKinds {
			if strings.HasPrefix(name, fk.prefix) {
				if err := os.Remove(filepath.Join(dir, name)); err != nil {
					return fmt.Errorf("demo: %w", err)
				}
				break
			}
		}
	}
	return nil
}
