package web

import (
	"bytes"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/tabular"
)

// download writes one of a page's tables as CSV or JSON. The tables are
// built from the very rows the page shows, so a download matches the page.
func download(c *echo.Context, res *pageResult, format, table string) error {
	lazy, ok := res.Tables[table]
	if !ok {
		return badInput("This page has no table called %q to download.", table)
	}
	t := lazy()
	name := res.File
	if table != "" {
		name += "-" + table
	}
	var buf bytes.Buffer
	var ctype string
	switch format {
	case "csv":
		ctype = "text/csv; charset=utf-8"
		if err := tabular.WriteCSV(&buf, t); err != nil {
			return err
		}
	case "json":
		ctype = "application/json; charset=utf-8"
		if err := tabular.WriteJSON(&buf, t); err != nil {
			return err
		}
	default:
		return badInput("Downloads come as format=csv or format=json, not %q.", format)
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+"."+format))
	return c.Blob(http.StatusOK, ctype, buf.Bytes())
}

// tableOf turns a slice of row structs into a table whose columns are the
// structs' JSON field names (embedded structs flattened, pointers to NULL).
func tableOf[T any](rows []T) lazyTable {
	return func() *tabular.Table {
		t := &tabular.Table{Columns: columns(reflect.TypeFor[T]())}
		for _, r := range rows {
			t.Rows = append(t.Rows, cells(reflect.ValueOf(r)))
		}
		if t.Rows == nil {
			t.Rows = [][]any{}
		}
		return t
	}
}

// lazyTable builds a download table when asked: only a download needs it,
// and building every table by reflection would cost each page about 1 ms.
type lazyTable func() *tabular.Table

func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" || !f.IsExported() {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, true
}

func columns(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, columns(f.Type)...)
			continue
		}
		if name, ok := jsonName(f); ok && isScalar(f.Type) {
			out = append(out, name)
		}
	}
	return out
}

func cells(v reflect.Value) []any {
	var out []any
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, cells(v.Field(i))...)
			continue
		}
		if _, ok := jsonName(f); !ok || !isScalar(f.Type) {
			continue
		}
		fv := v.Field(i)
		if fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				out = append(out, nil)
				continue
			}
			fv = fv.Elem()
		}
		out = append(out, fv.Interface())
	}
	return out
}

// isScalar keeps numbers, strings, booleans and times (and pointers to them);
// nested slices and structs are other tables.
func isScalar(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Map:
		return false
	case reflect.Struct:
		return t.String() == "time.Time"
	}
	return true
}

// tables builds a page's download map from name, table pairs.
func tables(pairs ...any) map[string]lazyTable {
	m := map[string]lazyTable{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i].(string)] = pairs[i+1].(lazyTable)
	}
	return m
}
