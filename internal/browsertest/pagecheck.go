package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A4 paper in inches, and the width in CSS pixels left for content inside
// sendash's print margins (@page { margin: 1.5cm }): 21 cm less 3 cm.
const (
	A4Width      = 8.27
	A4Height     = 11.69
	A4ContentPx  = 680
	MinChartFont = 12 // px: the smallest chart text issue 20 allows
)

// Layout is what checkLayout finds on the page: how much wider than the
// viewport the document is, and the elements sticking out past its right or
// left edge (outside a table's or a chart's own scroll box).
type Layout struct {
	Overflow  int      `json:"overflow"`  // document scrollWidth minus the viewport's width, in px
	Viewport  int      `json:"viewport"`  // the viewport's width without the scroll bar
	Outside   []string `json:"outside"`   // "tag#id.class (left..right px)" of each element past an edge
	Uncounted int      `json:"uncounted"` // more elements past an edge than listed
}

// checkLayout measures every element's box against the viewport. Content of
// a .table-scroll box or a chart box may be wider (it scrolls or is drawn
// inside its box); so may anything hidden (display none, a zero box, or a
// visually-hidden clip).
const checkLayout = `(function () {
  var vw = document.documentElement.clientWidth, found = [];
  var els = document.body.querySelectorAll('*');
  for (var i = 0; i < els.length && found.length < 500; i++) {
    var el = els[i];
    if (el.closest('.table-scroll, .chart-canvas') && !el.matches('.table-scroll, .chart-canvas')) { continue; }
    var r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { continue; }
    var cs = getComputedStyle(el);
    if (cs.position === 'absolute' && (cs.clip !== 'auto' || cs.clipPath !== 'none')) { continue; }
    // text wider than its box (a long word) spills out unless the box clips it
    var right = cs.overflowX === 'visible' ? Math.max(r.right, r.left + el.scrollWidth) : r.right;
    if (right > vw + 1 || r.left < -1) { found.push({el: el, left: r.left, right: right}); }
  }
  // name the innermost culprits, not every box around them
  var out = found.filter(function (f) {
    return !found.some(function (g) { return g.el !== f.el && f.el.contains(g.el); });
  }).map(function (f) {
    var el = f.el, name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    return name + ' (' + Math.round(f.left) + '..' + Math.round(f.right) + ' px)';
  });
  return {overflow: document.documentElement.scrollWidth - vw, viewport: vw,
    outside: out.slice(0, 10), uncounted: Math.max(0, out.length - 10)};
})()`

// Layout reports whether the page fits its viewport's width.
func (b *Browser) Layout() (Layout, error) {
	l, err := Eval[Layout](b, checkLayout)
	if err != nil {
		return l, fmt.Errorf("measure layout: %w", err)
	}
	return l, nil
}

// Fits reports whether nothing sticks out sideways.
func (l Layout) Fits() bool { return l.Overflow <= 0 && len(l.Outside) == 0 }

// SmallText is one fontSize under the limit in a chart's ECharts options.
type SmallText struct {
	Chart string  `json:"chart"` // the .chart-canvas element's id
	Path  string  `json:"path"`  // where in getOption(), e.g. "yAxis[0].axisLabel.fontSize"
	Size  float64 `json:"size"`  // the font size in px
}

func (s SmallText) String() string { return fmt.Sprintf("%s: %s = %g px", s.Chart, s.Path, s.Size) }

// smallChartText walks every chart's merged options (its own and
// ECharts' defaults for what it draws) for fontSize keys below the limit.
const smallChartText = `(function (min) {
  var out = [];
  function walk(o, path, chart, seen) {
    if (o === null || typeof o !== 'object' || seen.indexOf(o) >= 0) { return; }
    seen.push(o);
    Object.keys(o).forEach(function (k) {
      var v = o[k], p = Array.isArray(o) ? path + '[' + k + ']' : (path ? path + '.' : '') + k;
      if (k === 'fontSize') {
        var n = typeof v === 'number' ? v : parseFloat(v);
        if (!isNaN(n) && n < min) { out.push({chart: chart, path: p, size: n}); }
      } else { walk(v, p, chart, seen); }
    });
  }
  document.querySelectorAll('.chart-canvas').forEach(function (el) {
    var c = window.echarts && window.echarts.getInstanceByDom(el);
    if (c) { walk(c.getOption(), '', el.id, []); }
  });
  return out;
})(%d)`

// SmallChartText returns every fontSize under min px in the options of the
// page's drawn charts.
func (b *Browser) SmallChartText(min int) ([]SmallText, error) {
	s, err := Eval[[]SmallText](b, fmt.Sprintf(smallChartText, min))
	if err != nil {
		return nil, fmt.Errorf("read chart font sizes: %w", err)
	}
	return s, nil
}

// Unlabelled is what the page's tables and charts lack for a reader who
// cannot see them.
type Unlabelled struct {
	Tables []string `json:"tables"` // tables without a caption (or with an empty one): their first row's text
	Charts []string `json:"charts"` // charts without an aria-label, or without a table or summary in their figure
}

const unlabelled = `(function () {
  var t = [], c = [];
  document.querySelectorAll('table').forEach(function (el) {
    if (!el.caption || el.caption.textContent.trim() === '') {
      var row = el.querySelector('tr');
      t.push((row ? row.textContent : el.textContent).trim().replace(/\s+/g, ' ').slice(0, 80));
    }
  });
  document.querySelectorAll('.chart-canvas').forEach(function (el) {
    var fig = el.closest('figure');
    if ((el.getAttribute('aria-label') || '').trim() === '') { c.push(el.id + ': no aria-label'); }
    else if (el.getAttribute('role') !== 'img') { c.push(el.id + ': not role=img'); }
    else if (!fig || !fig.querySelector('table, .chart-summary')) { c.push(el.id + ': no table or summary in its figure'); }
  });
  return {tables: t, charts: c};
})()`

// Unlabelled lists the tables without a caption and the charts without a
// text alternative (an aria-label on a role=img box, and a table or a
// .chart-summary in the same figure).
func (b *Browser) Unlabelled() (Unlabelled, error) {
	u, err := Eval[Unlabelled](b, unlabelled)
	if err != nil {
		return u, fmt.Errorf("read captions and labels: %w", err)
	}
	return u, nil
}

// figuresOffScreen finds the tables in a scroll box whose first column of
// figures (the first th.num of the header) ends past the box's visible
// width, so a reader sees no figure without scrolling sideways, and
// those whose caption's text does (a caption is as wide as its table;
// one for screen readers only is not seen).
const figuresOffScreen = `(function (skip) {
var captions = Array.from(document.querySelectorAll('.table-scroll > table > caption')).filter(function (c) {
  var box = c.parentElement.parentElement;
  if (c.matches('.visually-hidden') || box.getClientRects().length === 0 || box.clientWidth === 0) { return false; }
  var r = document.createRange(); r.selectNodeContents(c);
  var right = Math.max.apply(null, Array.from(r.getClientRects()).map(function (x) { return x.right; }).concat([0]));
  return right - box.scrollLeft > box.getBoundingClientRect().left + box.clientWidth + 1;
}).map(function (c) { return 'caption "' + c.textContent.trim() + '" runs past its ' + c.parentElement.parentElement.clientWidth + ' px box'; });
return captions.concat(Array.from(document.querySelectorAll('.table-scroll > table')).filter(function (tb) {
  var box = tb.parentElement, th = tb.querySelector('thead th.num');
  if (!th || (skip && tb.matches(skip)) || box.getClientRects().length === 0 || box.clientWidth === 0) { return false; }
  var b = box.getBoundingClientRect(), r = th.getBoundingClientRect();
  return r.right - box.scrollLeft > b.left + box.clientWidth + 1;
}).map(function (tb) {
  var th = tb.querySelector('thead th.num'), box = tb.parentElement;
  return (tb.caption ? tb.caption.textContent.trim() : '(no caption)') + ': "' + th.textContent.trim() + '" ends at ' +
    Math.round(th.getBoundingClientRect().right - box.getBoundingClientRect().left) + ' px of a ' + box.clientWidth + ' px box';
})); })(%s)`

// FiguresOffScreen lists the tables whose first column of figures, or
// whose caption, is not fully in view in its scroll box (as on a phone,
// before any scrolling),
// except those matching the CSS selector skip (e.g. reference tables whose
// key columns are words), if not empty.
func (b *Browser) FiguresOffScreen(skip string) ([]string, error) {
	s, err := Eval[[]string](b, fmt.Sprintf(figuresOffScreen, strconv.Quote(skip)))
	if err != nil {
		return nil, fmt.Errorf("find figures off-screen: %w", err)
	}
	return s, nil
}

// VisitStatus loads url as Visit does but returns the HTTP status instead
// of failing on 400 or more, for checking error pages.
func (b *Browser) VisitStatus(url string) (int, error) {
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	resp, err := run(b, chromedp.NavigateResponse(url))
	if err != nil {
		return 0, fmt.Errorf("visit %s: %w", url, err)
	}
	if resp == nil {
		return 0, fmt.Errorf("visit %s: no response", url)
	}
	return int(resp.Status), nil
}

// EmulateMedia makes the page see the CSS media type, e.g. "print" (its
// @media print rules apply on screen); "" goes back to "screen". It also
// clears other emulated media features (ReduceMotion).
func (b *Browser) EmulateMedia(media string) error {
	return b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// PrintA4 prints the page on A4 paper (the page's own @page size and
// margins win where it sets them) to a PDF file at path, and returns its
// number of pages.
func (b *Browser) PrintA4(path string) (int, error) {
	pdf, err := run(b, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{
			PrintBackground: new(true), PaperWidth: A4Width, PaperHeight: A4Height,
			PreferCSSPageSize: new(true)})
		return res.Data, err
	})
	if err != nil {
		return 0, fmt.Errorf("print to PDF: %w", err)
	}
	if err := writeFile(path, pdf); err != nil {
		return 0, err
	}
	n, err := PDFPages(pdf)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

var (
	pdfPage  = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
)

// PDFPages counts the pages of a PDF as Chromium writes it: its page
// objects (/Type /Page), which must agree with the page tree's root, the
// /Pages node with the largest /Count (Chromium splits a long document's
// tree into nodes of a few pages each).
func PDFPages(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, fmt.Errorf("not a PDF")
	}
	n := len(pdfPage.FindAll(pdf, -1))
	count := -1
	for _, m := range pdfCount.FindAllSubmatch(pdf, -1) {
		c, _ := strconv.Atoi(string(m[1]) + string(m[2]))
		count = max(count, c)
	}
	if count < 0 {
		return 0, fmt.Errorf("no page tree with a /Count (%d page objects)", n)
	}
	if count != n {
		return 0, fmt.Errorf("the page tree counts %d pages, but there are %d page objects", count, n)
	}
	return n, nil
}
