package web

import (
	"bytes"
	"container/list"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v5"
)

// pageCache keeps whole responses, already compressed, least recently used
// first out, within a byte budget. The database is read-only and every
// response depends only on the URL and the build (see etag), so an entry
// never goes stale while the process lives; a page costs its queries once.
type pageCache struct {
	mu       sync.Mutex
	max      int64
	size     int64
	order    *list.List // front: most recently used *cachedPage
	byKey    map[string]*list.Element
	maxEntry int64
}

// cachedPage is one stored response: the headers that describe the body
// (not per-request ones such as rate-limit counters) and the body as sent.
type cachedPage struct {
	key    string
	header http.Header
	body   []byte
}

// cachedHeaders are the response headers a cached page replays.
var cachedHeaders = []string{echo.HeaderContentType, echo.HeaderContentEncoding, echo.HeaderVary,
	"ETag", "Cache-Control", echo.HeaderContentDisposition}

func newPageCache(maxBytes int64) *pageCache {
	return &pageCache{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{},
		maxEntry: max(maxBytes/8, 1)}
}

func (pc *pageCache) get(key string) *cachedPage {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.byKey[key]
	if !ok {
		return nil
	}
	pc.order.MoveToFront(el)
	return el.Value.(*cachedPage)
}

func (pc *pageCache) add(p *cachedPage) {
	n := p.cost()
	if n > pc.maxEntry {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.byKey[p.key]; ok {
		return
	}
	pc.byKey[p.key] = pc.order.PushFront(p)
	pc.size += n
	for pc.size > pc.max {
		old := pc.order.Remove(pc.order.Back()).(*cachedPage)
		delete(pc.byKey, old.key)
		pc.size -= old.cost()
	}
}

// cost approximates an entry's memory: body, key and a little for headers.
func (p *cachedPage) cost() int64 { return int64(len(p.body)+len(p.key)) + 512 }

// cache serves GET pages from pc, and stores each 200 response it passes
// through. It sits outside gzip, so a hit costs neither queries nor
// compression. Conditional requests go through to etag, which answers 304.
func (s *server) cache(pc *pageCache) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			r := c.Request()
			if r.Method != http.MethodGet || r.Header.Get("If-None-Match") != "" ||
				r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/") {
				return next(c)
			}
			key := r.URL.RequestURI()
			if strings.Contains(r.Header.Get(echo.HeaderAcceptEncoding), "gzip") {
				key += "\x00gzip"
			}
			if p := pc.get(key); p != nil {
				return replay(c, p)
			}
			w := c.Response()
			rec := &recorder{ResponseWriter: w, limit: pc.maxEntry}
			c.SetResponse(rec)
			err := next(c)
			c.SetResponse(w)
			if err == nil && rec.status == http.StatusOK && !rec.tooBig {
				h := http.Header{}
				for _, k := range cachedHeaders {
					if v := w.Header().Values(k); len(v) > 0 {
						h[http.CanonicalHeaderKey(k)] = v
					}
				}
				pc.add(&cachedPage{key: key, header: h, body: bytes.Clone(rec.buf.Bytes())})
			}
			return err
		}
	}
}

func replay(c *echo.Context, p *cachedPage) error {
	h := c.Response().Header()
	for k, v := range p.header {
		h[k] = v
	}
	c.Response().WriteHeader(http.StatusOK)
	_, err := c.Response().Write(p.body)
	return err
}

// recorder passes a response through and keeps a copy of its body, up to
// limit bytes (beyond that the page is not cached).
type recorder struct {
	http.ResponseWriter
	buf    bytes.Buffer
	status int
	limit  int64
	tooBig bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if !r.tooBig {
		if int64(r.buf.Len()+len(b)) > r.limit {
			r.tooBig = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets echo reach the original response through the recorder.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
