package browsertest

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// badPage is testPage with what the page checks must catch: a 9 px axis
// label, a table without a caption, a chart without a text alternative and
// a word wider than a phone, and a column so wide that no figure shows
// on a phone.
var badPage = strings.NewReplacer(
	`"yAxis":{"type":"value","name":"%"}`, `"yAxis":{"type":"value","name":"%","axisLabel":{"fontSize":9}}`,
	`<caption>Appeals and appeal rate by year</caption>`, ``,
	`role="img" aria-label="Bar chart: appeal rate rose from 1.6% in 2019 to 2.5% in 2023."`, `role="img"`,
	`</main>`, `<p class="wide">`+strings.Repeat("Unbreakable", 60)+`</p></main>`,
	`<th scope="col">Year</th>`, `<th scope="col">Year</th><th scope="col">`+strings.Repeat("Wide", 30)+`</th>`,
	`<td>2019</td>`, `<td>2019</td><td></td>`,
).Replace(testPage)

func TestPageChecks(t *testing.T) {
	if badPage == testPage {
		t.Fatal("badPage is testPage: a replacement no longer matches")
	}
	srv := newTestServer(t)
	b := New(t)
	if err := b.Resize(390, 844); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		bad  bool
	}{{"/", false}, {"/bad", true}} {
		if err := b.Visit(srv.URL + c.path); err != nil {
			t.Fatal(err)
		}
		if _, err := b.ChartsDrawn(); err != nil {
			t.Fatal(err)
		}
		l, err := b.Layout()
		if err != nil {
			t.Fatal(err)
		}
		small, err := b.SmallChartText(MinChartFont)
		if err != nil {
			t.Fatal(err)
		}
		u, err := b.Unlabelled()
		if err != nil {
			t.Fatal(err)
		}
		off, err := b.FiguresOffScreen("")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: layout %+v; small text %v; unlabelled %+v; figures off-screen %v", c.path, l, small, u, off)
		if !c.bad {
			if !l.Fits() || len(small) > 0 || len(u.Tables)+len(u.Charts) > 0 || len(off) > 0 {
				t.Errorf("%s: the good page fails a check", c.path)
			}
			continue
		}
		if l.Fits() || l.Overflow <= 0 || len(l.Outside) == 0 || !strings.HasPrefix(l.Outside[0], "p.wide") {
			t.Errorf("%s: the long word should stick out: %+v", c.path, l)
		}
		if len(small) != 1 || small[0].Size != 9 || small[0].Path != "yAxis[0].axisLabel.fontSize" || small[0].Chart != "chart-test-appeals" {
			t.Errorf("%s: want the 9 px y axis label, got %v", c.path, small)
		}
		if len(u.Tables) != 1 || len(u.Charts) != 1 || !strings.Contains(u.Charts[0], "no aria-label") {
			t.Errorf("%s: want one uncaptioned table and one unlabelled chart, got %+v", c.path, u)
		}
		if len(off) != 1 || !strings.Contains(off[0], `"Appeals" ends at`) {
			t.Errorf("%s: want the Appeals column off-screen, got %v", c.path, off)
		}
		if skipped, err := b.FiguresOffScreen("figure.chart table"); err != nil || len(skipped) > 0 {
			t.Errorf("%s: a skipped table is still listed: %v, %v", c.path, skipped, err)
		}
	}
}

func TestPrintMediaAndA4(t *testing.T) {
	srv := newTestServer(t)
	b := New(t)
	if code, err := b.VisitStatus(srv.URL + "/missing"); err != nil || code != 404 {
		t.Errorf("VisitStatus of a missing page: %d, %v; want 404", code, err)
	}
	if err := b.Visit(srv.URL + "/"); err != nil {
		t.Fatal(err)
	}
	navShown := `getComputedStyle(document.querySelector('.site-nav')).display !== 'none'`
	for _, media := range []string{"print", ""} {
		if err := b.EmulateMedia(media); err != nil {
			t.Fatal(err)
		}
		shown, err := Eval[bool](b, navShown)
		if err != nil || shown != (media == "") {
			t.Errorf("media %q: navigation shown %v (%v)", media, shown, err)
		}
	}
	path := ScreenshotPath("sendash-browsertest-a4.pdf")
	n, err := b.PrintA4(path)
	if err != nil || n < 1 || n > 3 {
		t.Errorf("PrintA4: %d pages, %v; want 1 to 3", n, err)
	}
	t.Logf("%s: %d pages", path, n)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// a MediaBox of A4 in points (594.96 x 841.92)
	if !strings.Contains(string(data), "/MediaBox [0 0 594.9") {
		t.Errorf("%s is not A4 (no 595-point-wide MediaBox)", path)
	}
}

func TestPDFPages(t *testing.T) {
	pdf := func(pages int) string {
		var b strings.Builder
		b.WriteString("%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n")
		fmt.Fprintf(&b, "2 0 obj\n<</Type /Pages /Count %d /Kids []>>\nendobj\n", pages)
		for i := range pages {
			fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj\n", i+3)
		}
		return b.String()
	}
	if n, err := PDFPages([]byte(pdf(3))); n != 3 || err != nil {
		t.Errorf("three pages: %d, %v", n, err)
	}
	// a tree with an inner node, as Chromium writes for more than 8 pages
	nested := strings.Replace(pdf(3), "endobj\n", "endobj\n9 0 obj\n<</Type /Pages /Parent 2 0 R /Count 2>>\nendobj\n", 2)
	if n, err := PDFPages([]byte(nested)); n != 3 || err != nil {
		t.Errorf("three pages under a nested tree: %d, %v", n, err)
	}
	if _, err := PDFPages([]byte(strings.Replace(pdf(3), "/Count 3", "/Count 4", 1))); err == nil {
		t.Error("a /Count that disagrees with the page objects should fail")
	}
	if _, err := PDFPages([]byte("<html>")); err == nil {
		t.Error("HTML should not count as a PDF")
	}
}
