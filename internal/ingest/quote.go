package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxQuoted is how many characters of a value an error message quotes: a
// 1 MB bad cell used to be echoed whole (1,000,326 bytes of message).
const maxQuoted = 200

// clip cuts text for a message to its first maxQuoted characters, with
// "…" and the full length when longer.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	q := quote(s)
	return s[:cutAt(s)] + q[strings.LastIndex(q, "…"):]
}

// cutAt is the byte offset of the character after the first maxQuoted.
func cutAt(s string) int {
	n := 0
	for i := range s {
		if n == maxQuoted {
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
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:cutAt(s)]), n)
}
