package browsertest

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sendash/sendash/static"
)

// testCSP is as strict as the policy sendash serves: our own scripts and
// styles only, nothing inline.
const testCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// testPage follows the chart contract of static/js/charts.js: a figure with
// the canvas element, its table beside it and the option JSON.
const testPage = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Appeal rate - sendash self-test</title>
<link rel="stylesheet" href="/static/css/sendash.css">
<script src="/static/vendor/echarts/echarts.min.js" defer></script>
<script src="/static/js/charts.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<p class="demo-banner"><strong>Demo data</strong> These figures are invented for testing.</p>
<div class="site-header-inner">
<p class="site-title"><a href="/">sendash</a></p>
<nav class="site-nav" aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/methodology">Methodology</a></li></ul></nav>
</div></header>
<main id="main" class="page">
<h1 id="appeal-rate" data-copy-link>SEND Tribunal appeal rate</h1>
<p class="lede">Appeals registered per 100 appealable decisions, England, by calendar year.</p>
<div class="flag"><p class="flag-title">Appeal rate rose for 4 years</p>
<p class="flag-rule">Rule: appeal rate higher than the year before in 3 of the last 4 years.</p>
<p class="flag-years">Years: 2020, 2021, 2022, 2023. A prompt to look, not a verdict.</p></div>
<figure class="chart">
<figcaption id="appeals-caption">Appeal rate by year</figcaption>
<div class="chart-canvas" id="chart-test-appeals" data-chart-options="chart-test-appeals-options"
  role="img" aria-label="Bar chart: appeal rate rose from 1.6% in 2019 to 2.5% in 2023."></div>
<div class="table-scroll" role="region" aria-labelledby="appeals-caption" tabindex="0">
<table><caption>Appeals and appeal rate by year</caption>
<thead><tr><th scope="col">Year</th><th scope="col" class="num">Appeals</th><th scope="col" class="num">Rate %</th></tr></thead>
<tbody>
<tr><td>2019</td><td class="num">4,833</td><td class="num">1.6</td></tr>
<tr><td>2020</td><td class="num">5,588</td><td class="num">1.7</td></tr>
<tr><td>2021</td><td class="num">6,897</td><td class="num">2.1</td></tr>
<tr><td>2022</td><td class="num">7,680</td><td class="num">2.2</td></tr>
<tr><td>2023</td><td class="num"><span class="badge badge-suppressed">suppressed</span></td><td class="num">2.5</td></tr>
</tbody></table></div>
<p class="chart-summary">The rate rose every year. 2023's count is suppressed;
<span class="badge badge-too-few">too few to report</span> <span class="badge badge-not-published">not published</span></p>
<script type="application/json" id="chart-test-appeals-options">{"animation":true,
"tooltip":{"trigger":"axis"},
"grid":{"left":48,"right":16,"top":24,"bottom":32},
"xAxis":{"type":"category","data":["2019","2020","2021","2022","2023"]},
"yAxis":{"type":"value","name":"%"},
"series":[{"type":"bar","name":"Appeal rate %","data":[1.6,1.7,2.1,2.2,2.5],"itemStyle":{"color":"#1d5aa0"}}]}</script>
</figure>
<ul class="downloads"><li><a href="/appeals.csv">Download CSV</a></li><li><a href="/appeals.json">Download JSON</a></li></ul>
</main>
</body>
</html>`

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServerFS(static.FS)))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", testCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(testPage))
	})
	mux.HandleFunc("/bad", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", testCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(badPage))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserDrawsChartAccessibly(t *testing.T) {
	srv := newTestServer(t)
	b := New(t)
	if err := b.Visit(srv.URL + "/"); err != nil {
		t.Fatal(err)
	}

	charts, err := b.ChartsDrawn()
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 || !charts[0].Drawn() {
		t.Fatalf("want one drawn chart, got %v", charts)
	}
	t.Logf("chart: %v", charts[0])

	// Hovering shows ECharts' tooltip; it must work under the CSP too.
	if err := b.Click("#chart-test-appeals"); err != nil {
		t.Fatal(err)
	}
	// The "Copy link" button that charts.js adds reports what it did.
	if err := b.Click("button.copy-link"); err != nil {
		t.Fatal(err)
	}
	if status, err := Eval[string](b, `new Promise(function (done) { setTimeout(function () {
		done(document.querySelector('.copy-link-status').textContent); }, 200); })`); err != nil || status == "" {
		t.Errorf("copy link status %q, %v", status, err)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("page problems (console errors, CSP violations, failed loads):\n%s", strings.Join(p, "\n"))
	}

	violations, err := b.Axe()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Logf("axe: %v", v)
	}
	if serious := Serious(violations); len(serious) > 0 {
		t.Errorf("%d serious or critical accessibility violations", len(serious))
	}

	path := ScreenshotPath("sendash-browsertest.png")
	if err := b.Screenshot(path); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, path)

	pdfPath := ScreenshotPath("sendash-browsertest.pdf")
	if err := b.PDF(pdfPath); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(pdfPath); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("printed PDF %s: not a PDF (%v)", pdfPath, err)
	}
}

func TestBrowserPhoneAndNoJavaScript(t *testing.T) {
	srv := newTestServer(t)
	b := New(t)
	if err := b.Resize(375, 812); err != nil {
		t.Fatal(err)
	}
	if err := b.ReduceMotion(); err != nil {
		t.Fatal(err)
	}
	if err := b.Visit(srv.URL + "/"); err != nil {
		t.Fatal(err)
	}
	charts, err := b.ChartsDrawn()
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 || !charts[0].Drawn() || charts[0].Width > 375*2 {
		t.Fatalf("want one drawn chart that fits a phone, got %v", charts)
	}
	animated, err := Eval[bool](b, `echarts.getInstanceByDom(document.querySelector('.chart-canvas')).getOption().animation`)
	if err != nil || animated {
		t.Errorf("charts should not animate for prefers-reduced-motion (animation=%v, err=%v)", animated, err)
	}
	overflow, err := Eval[bool](b, `document.documentElement.scrollWidth > document.documentElement.clientWidth`)
	if err != nil || overflow {
		t.Errorf("page scrolls sideways on a phone (overflow=%v, err=%v)", overflow, err)
	}
	if err := b.Screenshot(ScreenshotPath("sendash-browsertest-phone.png")); err != nil {
		t.Fatal(err)
	}

	if err := b.DisableJavaScript(); err != nil {
		t.Fatal(err)
	}
	if err := b.Visit(srv.URL + "/"); err != nil {
		t.Fatal(err)
	}
	text, err := b.Text("table")
	if err != nil || !strings.Contains(text, "4,833") {
		t.Errorf("table without JavaScript: %q, %v", text, err)
	}
	hidden, err := Eval[bool](b, `getComputedStyle(document.querySelector('.chart-canvas')).display === 'none'`)
	if err != nil || !hidden {
		t.Errorf("the empty chart box should be hidden without JavaScript (hidden=%v, err=%v)", hidden, err)
	}
}

// checkPNG fails the test unless path holds a decodable, non-trivial PNG.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	if r := img.Bounds(); r.Dx() < 300 || r.Dy() < 300 {
		t.Fatalf("screenshot %s is only %dx%d", path, r.Dx(), r.Dy())
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(data))
}
