package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestSQLIsSandboxed: `sendash sql` reads the database it is given and
// nothing else: no other file read or written (the database itself
// included), no database attached, no extension installed or loaded, and
// no setting changed to allow any of these.
func TestSQLIsSandboxed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.duckdb")
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec(`CREATE TABLE t AS SELECT 42 AS x`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	sql := func(q string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), []string{"sql", "--db", db, q}, func(string) string { return "" }, &out, io.Discard)
		return out.String(), err
	}
	if out, err := sql(`SELECT x FROM t`); err != nil || !strings.Contains(out, "42") {
		t.Fatalf("a plain query: %q, %v", out, err)
	}
	q := func(s string) string { return strings.ReplaceAll(s, "F", strings.ReplaceAll(secret, "'", "''")) }
	for name, query := range map[string]string{
		"read a file":          q(`SELECT * FROM read_text('F')`),
		"read a CSV":           q(`SELECT * FROM read_csv('F')`),
		"write a file":         q(`COPY (SELECT 'x') TO 'F'`),
		"overwrite the db":     `COPY (SELECT 'x') TO '` + db + `'`,
		"attach":               q(`ATTACH 'F' AS other`),
		"install an extension": `INSTALL httpfs`,
		"load an extension":    `LOAD httpfs`,
		"turn access back on":  `SET enable_external_access = true`,
		"unlock":               `SET lock_configuration = false`,
		"write a table":        `CREATE TABLE u AS SELECT 1`,
	} {
		if out, err := sql(query); err == nil {
			t.Errorf("%s: allowed (%q)", name, out)
		}
	}
	if b, _ := os.ReadFile(secret); string(b) != "secret" {
		t.Errorf("the other file changed: %q", b)
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the database file changed (%v)", err)
	}
}
