// Package freelist keeps a few spare values for reuse: gzip writers, page
// buffers, document readers.
//
// Unlike sync.Pool it is not emptied by garbage collection. Under load the
// server collects garbage several times a second, and a sync.Pool then
// drops its gzip writers (about 300 KB each with their tables), so one page
// in ten or so would pay for a new one: 66 KB of allocation a page on
// average, which is more garbage to collect.
// Requests run a few at a time (web/admit.go), so a few spares suffice.
package freelist

// List holds up to its capacity of spare values.
type List[T any] struct {
	spare chan T
	newT  func() T
}

// New returns a list keeping up to n spares, calling newT when it has none.
func New[T any](n int, newT func() T) *List[T] {
	return &List[T]{spare: make(chan T, n), newT: newT}
}

// Get returns a spare value, or a new one.
func (l *List[T]) Get() T {
	select {
	case v := <-l.spare:
		return v
	default:
		return l.newT()
	}
}

// Put keeps v for a later Get, or drops it when the list is full.
func (l *List[T]) Put(v T) {
	select {
	case l.spare <- v:
	default:
	}
}
