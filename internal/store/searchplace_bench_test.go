package store_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// BenchmarkSearchKinds times store.Search for each way of reading a query,
// on the database named by SENDASH_BENCH_DB (the national-size demo set in
// scripts/bench.sh) or the demo data: a full postcode (one DuckDB read by
// key), a district, a town, an LA, page 5 of a postcode, a name, a near
// miss and a name with no match at all (every word of every name compared).
//
//	SENDASH_BENCH_DB=/tmp/nat.duckdb go test ./internal/store -run '^$' -bench SearchKinds
func BenchmarkSearchKinds(b *testing.B) {
	path := os.Getenv("SENDASH_BENCH_DB")
	if path == "" {
		path = testdb.Demo(b)
	}
	st, err := store.Open(context.Background(), path, store.ServingOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var postcode, town, la, name string
	if err := st.DB.QueryRow(`SELECT s.postcode, s.town, l.name, s.name FROM school s JOIN school_place USING (urn)
		JOIN la l ON l.old_code = s.la_old_code WHERE s.status = 'open' AND s.name LIKE '% %'
		AND s.town NOT IN (SELECT name FROM la) ORDER BY s.urn LIMIT 1`).Scan(&postcode, &town, &la, &name); err != nil {
		b.Fatal(err)
	}
	word := strings.Fields(name)[0]
	district, _, _ := strings.Cut(postcode, " ")
	for _, c := range []struct {
		kind string
		q    store.SearchQuery
	}{
		{"postcode", store.SearchQuery{Q: postcode}},
		{"district", store.SearchQuery{Q: district}},
		{"town", store.SearchQuery{Q: town}},
		{"la", store.SearchQuery{Q: la}},
		{"postcode_page5", store.SearchQuery{Q: postcode, Offset: 200}},
		{"name", store.SearchQuery{Q: name}},
		{"near_miss", store.SearchQuery{Q: word[:2] + word[3:]}},
		{"no_match", store.SearchQuery{Q: "zzqx qqzx"}},
	} {
		b.Run(c.kind, func(b *testing.B) {
			c.q.Limit = 50
			for b.Loop() {
				if _, err := st.Search(context.Background(), c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
