package charts

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestOffScaleRange: only a value far beyond the rest is put off the
// scale, at most two at an end, and the end fixed lies strictly between
// the values kept and those put off.
func TestOffScaleRange(t *testing.T) {
	for _, c := range []struct {
		name   string
		vals   []float64
		lo, hi string // the fixed end, or "" for open
	}{
		// Haverstock's similar schools' suspension rates: one at 355.8%
		{"one far high", []float64{0, 2, 5, 9, 10, 12, 14, 15, 18, 20, 24, 38, 45, 83.5, 355.8}, "", "100"},
		// permanent exclusions: 2.4% is 2.6 times as far out as 1.1%: kept
		{"spread, not outlier", []float64{0, 0, 0, 0.2, 0.3, 0.4, 0.6, 0.7, 1, 1.1, 2.4}, "", ""},
		// most at the median: no value beside it to measure against
		{"zeros", []float64{0, 0, 0, 0, 0, 7}, "", ""},
		{"far low", []float64{-40, 1, 2, 3, 4, 5, 6}, "0", ""},
		{"two far high", []float64{1, 2, 3, 4, 5, 6, 90, 100}, "", "7"},
		{"too few", []float64{1, 2, 300}, "", ""},
	} {
		r := offScaleRange(c.vals)
		if got := end(r.Lo); got != c.lo {
			t.Errorf("%s: low end %q, want %q", c.name, got, c.lo)
		}
		if got := end(r.Hi); got != c.hi {
			t.Errorf("%s: high end %q, want %q", c.name, got, c.hi)
		}
	}
}

func end(p *float64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

// TestSimilarSchoolsOffScale: a figure far beyond the rest is an arrow at
// its axis' fixed end, labelled and tooltipped with its own value, and
// the chart's note says what the arrow means; a chart without one has no
// fixed end and no note.
func TestSimilarSchoolsOffScale(t *testing.T) {
	var ps []store.SimilarPoint
	for rank, v := range []float64{12, 5, 9, 14, 20, 355.8} {
		ps = append(ps, store.SimilarPoint{URN: fmt.Sprint(100 + rank), Rank: rank, Name: fmt.Sprintf("School %d", rank),
			Indicator: "excl.suspension", Value: fp(v), Unit: "%"})
	}
	c := SimilarSchools(ps, map[string]string{"excl.suspension": "Suspension rate"}, "Here", "label", 3)
	var o struct {
		XAxis []struct {
			Max *float64 `json:"max"`
		} `json:"xAxis"`
		Series []struct {
			Data []struct {
				Value   []float64 `json:"value"`
				Symbol  string    `json:"symbol"`
				Tooltip struct{ Formatter string }
				Label   *struct{ Formatter string }
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.XAxis) != 1 || o.XAxis[0].Max == nil || *o.XAxis[0].Max != 25 {
		t.Fatalf("axis %s, want its end fixed at 25", c.Options)
	}
	far := o.Series[0].Data[4] // the peers: ranks 1 to 5
	if far.Value[0] != 25 || far.Symbol != "triangle" || far.Label == nil || far.Label.Formatter != "355.8%" ||
		!strings.Contains(far.Tooltip.Formatter, "355.8%") {
		t.Errorf("the 355.8%% school is drawn as %+v", far)
	}
	if near := o.Series[0].Data[3]; near.Value[0] != 20 || near.Symbol != "" || near.Label != nil {
		t.Errorf("the 20%% school is drawn as %+v", near)
	}
	if !strings.Contains(c.Note, "arrow") {
		t.Errorf("note %q does not say what the arrow is", c.Note)
	}
	// the school itself off the scale: still larger than the dots, and named
	ps[0].Value = fp(900)
	var own struct {
		Series []struct {
			Data []struct {
				SymbolSize int
				Label      *struct{ Formatter string }
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(SimilarSchools(ps, nil, "Here", "label", 3).Options), &own); err != nil {
		t.Fatal(err)
	}
	if self := own.Series[1].Data[0]; self.SymbolSize != 20 || self.Label == nil || self.Label.Formatter != "Here: 900.0%" {
		t.Errorf("the school off the scale is drawn as %+v", self)
	}
	if plain := SimilarSchools(ps[1:5], nil, "Here", "label", 3); plain.Note != "" || strings.Contains(string(plain.Options), "triangle") {
		t.Errorf("no figure is off the scale, yet note %q, options %s", plain.Note, plain.Options)
	}
}
