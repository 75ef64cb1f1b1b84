// Command schooldev re-runs the derive.school.* sections on a copy of an
// ingested database (development aid for derive_school.sql; not built by ./...).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sendash/sendash/internal/store"
)

func main() {
	src, dst := os.Args[1], os.Args[2]
	in, _ := os.Open(src)
	out, _ := os.Create(dst)
	io.Copy(out, in)
	in.Close()
	out.Close()
	ctx := context.Background()
	st, err := store.Open(ctx, dst, store.Options{})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	for _, n := range st.Q.WithPrefix("derive.school.") {
		t := time.Now()
		if _, err := st.DB.ExecContext(ctx, st.Q.Get(n)); err != nil {
			fmt.Println("FAIL", n, err)
			os.Exit(1)
		}
		fmt.Println(n, time.Since(t).Round(time.Millisecond))
	}
}
