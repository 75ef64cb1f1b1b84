package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/freelist"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one parsed template set per page (layout + partials +
// rows + page).
type templates struct{ byName map[string]*template.Template }

// parseTemplates parses every page template once at start-up.
func parseTemplates() (*templates, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{byName: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || base == "partials" || base == "rows" {
			continue
		}
		tmpl, err := template.New(base).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/rows.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", n, err)
		}
		t.byName[base] = tmpl
	}
	return t, nil
}

// view is what the layout sees: page-independent facts plus the page's data.
type view struct {
	Title   string
	Demo    bool
	BuildID string
	Search  string // the search box's value
	Path    string
	Compare selection // the schools chosen to compare (selection.go)
	addBase string    // the start of this page's "add to compare" links
	query   url.Values
	Data    any
}

// Download is the URL of this view's rows in a format ("csv" or "json"),
// for the table named table ("" for the page's main table).
func (v view) Download(format, table string) string {
	q := url.Values{}
	for k, vs := range v.query {
		q[k] = vs
	}
	q.Set("format", format)
	q.Del("table")
	if table != "" {
		q.Set("table", table)
	}
	return v.Path + "?" + q.Encode()
}

// render executes a page template into a buffer, then writes it, so a
// template error becomes a clean 500 instead of half a page.
func (s *server) render(c *echo.Context, status int, name, title string, data any) error {
	tmpl, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	r := c.Request()
	v := view{Title: title, Demo: s.demo, BuildID: s.buildID, Path: r.URL.Path,
		query: r.URL.Query(), Data: data}
	v.Compare = parseSelection(v.Path, v.query)
	v.addBase = addBase(v.Path, v.query, v.Compare)
	if name == "search" {
		v.Search = r.URL.Query().Get("q")
	}
	buf := renderBufs.Get()
	defer func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			renderBufs.Put(buf)
		}
	}()
	if err := tmpl.ExecuteTemplate(buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return c.Blob(status, "text/html; charset=utf-8", buf.Bytes())
}

// spares is how many gzip writers and page buffers are kept for reuse:
// more than the requests that run at once on any likely machine.
const spares = 32

// renderBufs are render's page buffers, reused (kept through garbage
// collections: internal/freelist): growing a fresh one to a
// 50 KB page was a sixth of the bytes a page allocated. c.Blob has copied
// the page (into gzip, the page cache or the connection) when it returns.
var renderBufs = freelist.New(spares, func() *bytes.Buffer { return new(bytes.Buffer) })

// pageResult is what a page handler returns: the template and its data, the
// typed rows for /api, and the downloadable tables built from the same rows.
type pageResult struct {
	Template string
	Title    string
	Data     any
	API      any
	Tables   map[string]lazyTable // "" is the page's main table, built on download
	File     string               // download file name without extension
	Redirect string               // canonical path to redirect to (301)
}

type pageFunc func(c *echo.Context) (*pageResult, error)

// page serves a page as HTML, or its rows as ?format=csv / ?format=json.
func (s *server) page(fn pageFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		res, err := fn(c)
		if err != nil {
			return err
		}
		if res.Redirect != "" {
			return c.Redirect(http.StatusMovedPermanently, withQuery(res.Redirect, c.Request().URL.RawQuery))
		}
		if f := c.QueryParam("format"); f != "" {
			return download(c, res, f, c.QueryParam("table"))
		}
		return s.render(c, http.StatusOK, res.Template, res.Title, res.Data)
	}
}

// api serves a page's typed rows as JSON under /api.
func (s *server) api(fn pageFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		res, err := fn(c)
		if err != nil {
			return err
		}
		if res.Redirect != "" {
			return c.Redirect(http.StatusMovedPermanently, withQuery("/api"+res.Redirect, c.Request().URL.RawQuery))
		}
		return c.JSON(http.StatusOK, res.API)
	}
}

func withQuery(path, rawQuery string) string {
	if rawQuery == "" {
		return path
	}
	return path + "?" + rawQuery
}
