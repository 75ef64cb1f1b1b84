package charts

import (
	"math"
	"slices"
)

// offScaleFactor: values are drawn off the scale when the gap between them
// and the rest is more than this many times the rest's whole range. One
// school at 356% among similar schools at 0-84% would otherwise squeeze
// every other dot into the first quarter of the axis.
const offScaleFactor = 2

// maxOffScale is the most values put off the scale at each end: more than
// that is a spread, not an outlier.
const maxOffScale = 2

// simAxis is a panel's value axis: when values lie off the scale at an
// end, that end is fixed (Lo or Hi set) a step beyond the values kept, and
// the values beyond it are drawn at the end as an arrow with their value.
type simAxis struct {
	Lo, Hi *float64
}

// offScaleRange finds the ends of a panel's axis from all its values. It
// leaves an end open (nil) when nothing lies off the scale there.
func offScaleRange(vals []float64) simAxis {
	s := slices.Clone(vals)
	slices.Sort(s)
	if len(s) < 4 {
		return simAxis{}
	}
	hi, lo := len(s)-1, 0
	// the fewest values (up to maxOffScale) at each end whose gap to the
	// rest is wider than offScaleFactor times the rest's range; the high
	// end first, so the low end is judged without the high outliers
	for k := 1; k <= maxOffScale && len(s)-k >= 3; k++ {
		if rest := s[len(s)-1-k] - s[0]; rest > 0 && s[len(s)-k]-s[len(s)-1-k] > offScaleFactor*rest {
			hi = len(s) - 1 - k
			break
		}
	}
	for k := 1; k <= maxOffScale && hi+1-k >= 3; k++ {
		if rest := s[hi] - s[k]; rest > 0 && s[k]-s[k-1] > offScaleFactor*rest {
			lo = k
			break
		}
	}
	var r simAxis
	step := 1.0
	if span := (s[hi] - s[lo]) / 5; span > 0 {
		step = niceCeil(span)
	}
	if hi < len(s)-1 {
		end := math.Floor(s[hi]/step)*step + step // strictly beyond the values kept
		r.Hi = &end
	}
	if lo > 0 {
		end := math.Ceil(s[lo]/step)*step - step
		r.Lo = &end
	}
	return r
}

// place puts a point beyond the axis' ends at the end, as an arrow pointing
// off the scale with its value written beside it; its tooltip keeps the
// value. It reports whether it moved the point.
func (r simAxis) place(d *simPoint, v float64, unit string) bool {
	switch {
	case r.Hi != nil && v > *r.Hi:
		d.Value[0], d.SymbolRotate = *r.Hi, -90
	case r.Lo != nil && v < *r.Lo:
		d.Value[0], d.SymbolRotate = *r.Lo, 90
	default:
		return false
	}
	d.Symbol, d.SymbolSize = "triangle", 14
	d.Tooltip.Formatter += escapeTemplate(" (beyond the axis)")
	pos := "left"
	if d.SymbolRotate == 90 {
		pos = "right"
	}
	d.Label = &valueText{Show: true, Position: pos, Formatter: escapeTemplate(formatValue(v, unit)),
		FontSize: minFont, Color: "#0b0c0c"}
	return true
}
