package ingest

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxQuoted is how many characters of a value an error message quotes: a
// 1 MB bad cell used to be echoed whole (1,000,326 bytes of message).
// maxListed is how much of an unrecognised file's header the "not loaded"
// list quotes (a GeoJSON file's whole first line was printed).
const (
	maxQuoted = 200
	maxListed = 120
)

// clip cuts text for a message to its first maxQuoted characters, with
// "…" and the full length when longer.
func clip(s string) string { return clipTo(s, maxQuoted) }

// clipTo cuts text to its first max characters, with "…" and the full
// length when longer.
func clipTo(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	return fmt.Sprintf("%s… (%d characters)", s[:cutAt(s, max)], n)
}

// cutAt is the byte offset of the character after the first max.
func cutAt(s string, max int) int {
	n := 0
	for i := range s {
		if n == max {
			return i
		}
		n++
	}
	return len(s)
}

// quote quotes a value for an error message, Go-style, cut to its first
// maxQuoted characters with "…" and the full length when longer.
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxQuoted {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:cutAt(s, maxQuoted)]), n)
}
