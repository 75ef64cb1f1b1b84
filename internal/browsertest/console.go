package browsertest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
)

// record keeps the events that mean something went wrong on the page: script
// exceptions, console.error calls, and browser log errors (failed loads, CSP
// refusals, with the script's stack). It runs on chromedp's event goroutine, so it only appends.
func (b *Browser) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + exceptionText(ev.ExceptionDetails)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		msg = "console." + string(ev.Type) + ": " + argsText(ev.Args)
	case *log.EventEntryAdded:
		if ev.Entry == nil || ev.Entry.Level != log.EntryLevelError {
			return
		}
		if strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
			return // browsers ask for it unprompted; its absence is harmless
		}
		msg = fmt.Sprintf("log (%s): %s", ev.Entry.Source, ev.Entry.Text)
		if ev.Entry.URL != "" {
			msg += " [" + ev.Entry.URL + "]"
		}
		msg += stackText(ev.Entry.StackTrace)
	default:
		return
	}
	b.mu.Lock()
	b.problems = append(b.problems, msg)
	b.mu.Unlock()
}

// Problems returns what went wrong on the current page since the last Visit:
// uncaught exceptions, console errors, failed resource loads and CSP
// violations. A good page has none.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.problems)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d)", text, d.URL, d.LineNumber+1) + stackText(d.StackTrace)
}

// stackText formats the top frames of a stack trace, enough to find the caller.
func stackText(st *runtime.StackTrace) string {
	if st == nil {
		return ""
	}
	var b strings.Builder
	for i, f := range st.CallFrames {
		if i == 4 {
			break
		}
		fmt.Fprintf(&b, "\n    at %s (%s:%d:%d)", f.FunctionName, f.URL, f.LineNumber+1, f.ColumnNumber+1)
	}
	return b.String()
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a == nil:
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}
