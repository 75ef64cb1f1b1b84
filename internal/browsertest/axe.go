package browsertest

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (MPL-2.0), vendored by scripts/fetch-axe.sh; see
// testdata/VENDORED.txt for its version and checksums.
//
//go:embed testdata/axe.min.js
var axeSource string

// Violation is one axe-core rule that failed on the page.
type Violation struct {
	ID      string          `json:"id"`     // rule id, e.g. "color-contrast"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`   // one-line description of the rule
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that broke the rule.
type ViolationNode struct {
	Target  []string `json:"target"` // CSS selectors leading to the element
	HTML    string   `json:"html"`   // a snippet of its markup
	Summary string   `json:"summary"`
}

// Serious reports whether the violation is serious or critical: the impacts a
// page must never have.
func (v Violation) Serious() bool {
	return v.Impact == "serious" || v.Impact == "critical"
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s: %s (%s)", v.Impact, v.ID, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s %s", strings.Join(n.Target, " "), n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

// runAxe runs the WCAG 2.x A/AA rules and axe's best practices on the whole
// document and flattens the violations to what Violation holds.
const runAxe = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
  resultTypes: ['violations']
}).then(function (res) {
  return res.violations.map(function (v) {
    return {id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(function (n) {
        return {target: n.target.map(function (t) { return Array.isArray(t) ? t.join(' >>> ') : String(t); }),
          html: n.html, summary: n.failureSummary || ''};
      })};
  });
})`

// Axe injects the vendored axe-core into the current page (by evaluating it
// through DevTools, which the page's CSP does not restrict) and returns every
// violation of the WCAG 2.2 A/AA and best-practice rules. Filter with
// Violation.Serious for the ones a test must fail on.
func (b *Browser) Axe() ([]Violation, error) {
	loaded, err := Eval[bool](b, "typeof window.axe === 'object'")
	if err != nil {
		return nil, fmt.Errorf("check for axe-core: %w", err)
	}
	if !loaded {
		if _, err := Eval[chromedp.Void](b, axeSource); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	vs, err := Eval[[]Violation](b, runAxe)
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return vs, nil
}

// Serious returns the serious and critical violations among vs.
func Serious(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		if v.Serious() {
			out = append(out, v)
		}
	}
	return out
}
