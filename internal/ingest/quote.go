package ingest

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxQuoted is how many characters of a value an error message quotes: a
// 1 MB bad cell used to be echoed whole (1,000,326 bytes of message).
const maxQuoted = 200

// quote quotes a value for an error message, Go-style, cut to its first
// maxQuoted characters with "…" and the full length when longer.
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := 0
	for i := range s {
		if cut == maxQuoted {
			return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:i]), n)
		}
		cut++
	}
	return strconv.Quote(s)
}
