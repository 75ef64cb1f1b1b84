package freelist

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestList(t *testing.T) {
	var made atomic.Int64
	l := New(2, func() *[]byte { made.Add(1); b := make([]byte, 0, 8); return &b })
	a, b, c := l.Get(), l.Get(), l.Get()
	if made.Load() != 3 {
		t.Fatalf("made %d, want 3", made.Load())
	}
	l.Put(a)
	l.Put(b)
	l.Put(c) // over capacity: dropped
	runtime.GC()
	runtime.GC() // a sync.Pool would be empty now
	if x, y := l.Get(), l.Get(); x != a || y != b {
		t.Error("spares not returned in order after GC")
	}
	if l.Get(); made.Load() != 4 {
		t.Errorf("made %d, want 4: the third spare should have been dropped", made.Load())
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				v := l.Get()
				*v = append((*v)[:0], 1)
				l.Put(v)
			}
		})
	}
	wg.Wait()
}
