package demo

import (
	"fmt"
	"math"
)

// lastCensus is the January census that closes every demo series. Year
// index i means the January census lastCensus-n+1+i, the academic year that
// contains it and the calendar year before it (census 2020, 2019/20, 2019).
const lastCensus = 2025

// mergerCalendarYear is the calendar year from which the merged LA reports
// (its effective date is 1 April of that year, as for Cumberland).
const mergerCalendarYear = 2023

// calendar maps a year index to the year labels each publication uses.
type calendar struct{ n int }

func (c calendar) census(i int) int   { return lastCensus - c.n + 1 + i }
func (c calendar) calendar(i int) int { return c.census(i) - 1 }

// academic is the EES time_period of academic year i ("201920").
func (c calendar) academic(i int) string {
	y := c.calendar(i)
	return fmt.Sprintf("%d%02d", y, (y+1)%100)
}

// slash is the LAIT form of academic year i ("2019/20").
func (c calendar) slash(i int) string {
	y := c.calendar(i)
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

// dash is the form used in file names ("2019-20").
func (c calendar) dash(i int) string {
	y := c.calendar(i)
	return fmt.Sprintf("%d-%02d", y, (y+1)%100)
}

// mergeIndex is the first year index in which the merged LA exists.
func (c calendar) mergeIndex() int { return mergerCalendarYear - c.calendar(0) }

// size is the shape of the generated world for one Scale.
type size struct {
	regions, las, schools, years int
}

// sizeFor interpolates linearly between the demo (Scale 1) and national
// (Scale 10) shapes; schools keep growing beyond 10, the rest are capped.
func sizeFor(scale int) size {
	t := float64(scale-1) / 9
	return size{
		regions: min(9, int(math.Round(3+6*t))),
		las:     min(190, int(math.Round(12+138*t))),
		schools: int(math.Round(600 + 23400*t)),
		years:   min(10, int(math.Round(6+4*t))),
	}
}
