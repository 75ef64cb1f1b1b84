// Command schooldev re-runs the derive.school.* sections on a copy of an
// ingested database (development aid for derive_school.sql; not built by ./...).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"database/sql"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/sendash/sendash/queries"
)

func main() {
	src, dst := os.Args[1], os.Args[2]
	in, _ := os.Open(src)
	out, _ := os.Create(dst)
	io.Copy(out, in)
	in.Close()
	out.Close()
	ctx := context.Background()
	db, err := sql.Open("duckdb", dst)
	if err != nil {
		panic(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	q := queries.MustLoad()
	for _, n := range q.WithPrefix("derive.school.") {
		t := time.Now()
		if _, err := db.ExecContext(ctx, q.Get(n)); err != nil {
			fmt.Println("FAIL", n, err)
			os.Exit(1)
		}
		fmt.Println(n, time.Since(t).Round(time.Millisecond))
	}
}
