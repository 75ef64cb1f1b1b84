package browsertest

import (
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// ChartResult says whether one chart on the page was really drawn.
type ChartResult struct {
	ID       string `json:"id"`       // the .chart-canvas element's id, e.g. "chart-la-tribunal-rate"
	Label    string `json:"label"`    // its aria-label (the chart's short text alternative)
	State    string `json:"state"`    // data-chart-state set by charts.js: drawing, drawn or failed
	Error    string `json:"error"`    // data-chart-error, or why the pixels could not be read
	Canvases int    `json:"canvases"` // <canvas> elements inside it
	Width    int    `json:"width"`    // size of the largest canvas, in device pixels
	Height   int    `json:"height"`
	Painted  int    `json:"painted"` // pixels neither transparent nor white
}

// MinPainted is how many painted pixels make a chart count as drawn: enough
// for axes, labels and marks, more than a stray border.
const MinPainted = 500

// Drawn reports whether the chart has a canvas with at least MinPainted
// painted pixels.
func (r ChartResult) Drawn() bool {
	return r.Canvases > 0 && r.Painted >= MinPainted && r.Error == ""
}

func (r ChartResult) String() string {
	return fmt.Sprintf("%s: state=%q canvases=%d %dx%d painted=%d error=%q",
		r.ID, r.State, r.Canvases, r.Width, r.Height, r.Painted, r.Error)
}

// chartsSettled is true once every chart has finished rendering or failed, so
// pixels are read after ECharts' entry animation, not in the middle of it.
const chartsSettled = `Array.from(document.querySelectorAll('.chart-canvas')).every(function (el) {
  return el.getAttribute('data-chart-rendered') === 'true' || el.getAttribute('data-chart-state') === 'failed';
})`

// measureCharts reads every canvas's pixels with getImageData and counts those
// that are neither transparent nor (near) white.
const measureCharts = `Array.from(document.querySelectorAll('.chart-canvas')).map(function (el) {
  var r = {id: el.id, label: el.getAttribute('aria-label') || '',
    state: el.getAttribute('data-chart-state') || '', error: el.getAttribute('data-chart-error') || '',
    canvases: 0, width: 0, height: 0, painted: 0};
  el.querySelectorAll('canvas').forEach(function (c) {
    r.canvases++;
    if (c.width * c.height > r.width * r.height) { r.width = c.width; r.height = c.height; }
    if (c.width === 0 || c.height === 0) { return; }
    var ctx = c.getContext('2d');
    if (!ctx) { r.error = r.error || 'canvas has no 2d context'; return; }
    var d = ctx.getImageData(0, 0, c.width, c.height).data;
    for (var i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 16 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) { r.painted++; }
    }
  });
  return r;
})`

// ChartsDrawn waits (up to 15 s) for every .chart-canvas on the page to finish
// rendering, then reports, for each, whether its canvas holds a drawing. A
// page without charts gives an empty slice. Charts that never settle are still
// measured, so the result shows which one is stuck.
func (b *Browser) ChartsDrawn() ([]ChartResult, error) {
	_, _ = run(b, chromedp.Poll[chromedp.Void](chartsSettled,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(15*time.Second)))
	results, err := Eval[[]ChartResult](b, measureCharts)
	if err != nil {
		return nil, fmt.Errorf("measure charts: %w", err)
	}
	return results, nil
}
