package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"reflect"

	"github.com/sendash/sendash/queries"
)

// referenceFile holds the SQL that only tests run: reference tables and
// queries to check the serving code against (STYLE.md, habit 12).
const referenceFile = "testdata/reference.sql"

// referenceTables are the sections of referenceFile that build the
// reference tables, in the order BuildReferenceTables runs them.
var referenceTables = []string{"reference.school_similar", "reference.school_similar_schools",
	"reference.school_trend"}

// ReferenceQueries parses testdata/reference.sql, the tests' reference SQL.
func ReferenceQueries() (*queries.Set, error) {
	b, err := os.ReadFile(referenceFile)
	if err != nil {
		return nil, err
	}
	return queries.Parse(referenceFile, string(b))
}

// withReference runs fn with a store that runs referenceFile's queries on
// one connection of s.
func (s *Store) withReference(ctx context.Context, fn func(ref *Store) error) error {
	q, err := ReferenceQueries()
	if err != nil {
		return err
	}
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return fn(&Store{Q: q, conn: conn})
}

// SchoolPageByPageQueries is SchoolPage built as BuildSchoolDocs builds a
// document, for one school and without storing it: the page queries read
// the range [urn, urn], and the similar-schools part comes from the
// reference tables (BuildReferenceTables), not the Go code that built the
// stored one. Tests compare it with the stored document.
func (s *Store) SchoolPageByPageQueries(ctx context.Context, urn string) (*SchoolPage, error) {
	cat, err := s.readCatalogue(ctx)
	if err != nil {
		return nil, err
	}
	docs, err := s.schoolDocsIn(ctx, urn, urn)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("school %s: %d documents: %w", urn, len(docs), ErrNotFound)
	}
	d := docs[0]
	err = s.withReference(ctx, func(ref *Store) error {
		return ref.similarByReference(ctx, cat, urn, urn, func(u string) (*schoolDoc, error) {
			if u != urn {
				return nil, fmt.Errorf("reference rows for school %s, asked for %s", u, urn)
			}
			return d, nil
		})
	})
	if err == nil {
		err = s.withReference(ctx, func(ref *Store) error { return ref.nearbyByReference(ctx, d) })
	}
	if err != nil {
		return nil, err
	}
	d.withStanding()
	p := &SchoolPage{Profile: &d.profile, Indicator: DefaultSchoolIndicator(d.profile.Figures),
		Trend: d.trend, Similar: &d.similar, Nearby: &d.nearby}
	if _, err := s.withFlags(ctx, urn, p.Profile); err != nil {
		return nil, err
	}
	return p, nil
}

// RebuildSchoolDocs empties page_school_doc and builds it again, batch
// schools at a time, with n reading connections beside the appending one
// (ingest has 2; with 0 the appending one reads too).
func (s *Store) RebuildSchoolDocs(ctx context.Context, batch, n int) error {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "DELETE FROM page_school_doc"); err != nil {
		return err
	}
	// With readers, the batches are read out of order and appended in order.
	var readers []*sql.Conn
	for range n {
		r, err := s.DB.Conn(ctx)
		if err != nil {
			return err
		}
		defer r.Close()
		readers = append(readers, r)
	}
	return s.BuildSchoolDocs(ctx, conn, readers, batch)
}

// LAPageByPageQueries is LAPage read from the page tables, as BuildLADocs
// reads it, for tests to compare with the stored document.
func (s *Store) LAPageByPageQueries(ctx context.Context, code string) (*LAPage, error) {
	la, err := s.ResolveLA(ctx, code)
	if err != nil {
		return nil, err
	}
	p, err := s.laProfileSQL(ctx, la.OldCode)
	if err != nil {
		return nil, err
	}
	p.LA = *la
	if p.Neighbours, err = s.neighbours(ctx, la.OldCode); err != nil {
		return nil, err
	}
	if p.Flags, err = s.Flags(ctx, "la", la.OldCode); err != nil {
		return nil, err
	}
	if p.Unjudged, err = s.Unjudged(ctx, "la", la.OldCode); err != nil {
		return nil, err
	}
	trend, err := s.laTrendSQL(ctx, la.OldCode, DefaultLAIndicator)
	if err != nil {
		return nil, err
	}
	counts, err := s.LASchoolCounts(ctx, la.OldCode)
	if err != nil {
		return nil, err
	}
	return &LAPage{Profile: p, Indicator: DefaultLAIndicator, Trend: trend, Schools: counts}, nil
}

// CheckLeagueDocs compares every league table's stored document with
// league.rows and returns how many it checked.
func (s *Store) CheckLeagueDocs(ctx context.Context) (n int, err error) {
	type key struct {
		ind, grp string
		year     int
	}
	var keys []key
	err = eachRow(ctx, s, "league.doc_keys", nil, func(r *sql.Rows) error {
		var k key
		err := r.Scan(&k.ind, &k.year, &k.grp)
		keys = append(keys, k)
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		want, err := s.queryFigures(ctx, "league.rows", k.ind, k.year, k.grp)
		if err != nil {
			return 0, err
		}
		got, err := s.leagueRows(ctx, k.ind, k.year, k.grp)
		if err != nil {
			return 0, err
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			return 0, fmt.Errorf("league table %s: stored %d rows, league.rows gives %d (or they differ)", leagueKey(k.ind, k.year, k.grp), len(got), len(want))
		}
	}
	return len(keys), nil
}

// SchoolTrendByReference reads a school's trend for one indicator from the
// reference table page_school_trend (BuildReferenceTables).
func (s *Store) SchoolTrendByReference(ctx context.Context, urn, indicator string) (out []Figure, err error) {
	err = s.withReference(ctx, func(ref *Store) error {
		out, err = ref.queryFigures(ctx, "reference.trend", urn, indicator)
		return err
	})
	return out, err
}

// BuildReferenceTables builds the reference tables of testdata/reference.sql
// (the SQL that the school documents' Go code is checked against) in s, a
// writable copy of a built database.
func (s *Store) BuildReferenceTables(ctx context.Context) error {
	q, err := ReferenceQueries()
	if err != nil {
		return err
	}
	for _, name := range referenceTables {
		if _, err := s.DB.ExecContext(ctx, q.Get(name)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// similarByReference reads the similar-schools part of the documents of the
// schools in [lo, hi] from the reference tables (testdata/reference.sql),
// which only the tests build, for them to compare with similarIndex's; s
// runs the reference queries (withReference).
func (s *Store) similarByReference(ctx context.Context, cat *Catalogue, lo, hi string, doc func(string) (*schoolDoc, error)) error {
	var pageURN string
	err := eachRow(ctx, s, "reference.similar_schools", []any{lo, hi}, func(r *sql.Rows) error {
		var x SimilarSchool
		var roll, fsm sql.NullFloat64
		if err := r.Scan(&pageURN, &x.URN, &x.Rank, &x.Distance, &x.Name, &x.Phase, &x.TypeGroup, &x.Census, &roll, &fsm); err != nil {
			return err
		}
		x.Roll, x.FSMPct = fptr(roll), fptr(fsm)
		d, err := doc(pageURN)
		if err != nil {
			return err
		}
		d.similar.Schools = append(d.similar.Schools, x)
		return nil
	})
	if err != nil {
		return err
	}
	var cur *schoolDoc
	var names map[string]string
	err = eachRow(ctx, s, "reference.similar", []any{lo, hi}, func(r *sql.Rows) error {
		var x SimilarPoint
		var sum SimilarSummary
		var v, pct, pmin, pmed, pmax sql.NullFloat64
		if err := r.Scan(&pageURN, &x.URN, &x.Rank, &x.Indicator, &x.Period, &v, &x.Status,
			&x.Unit, &pct, &sum.Peers, &sum.Lower, &sum.Higher, &pmin, &pmed, &pmax); err != nil {
			return err
		}
		if cur == nil || cur.urn != pageURN {
			d, err := doc(pageURN)
			if err != nil {
				return err
			}
			cur, names = d, make(map[string]string, len(d.similar.Schools))
			for _, sc := range d.similar.Schools {
				names[sc.URN] = sc.Name
			}
		}
		x.Value, x.Percentile = fptr(v), fptr(pct)
		x.Name = names[x.URN]
		cur.similar.Points = append(cur.similar.Points, x)
		if x.Rank == 0 {
			sum.Indicator, sum.Title, sum.Period, sum.Unit, sum.Value, sum.Status, sum.Percentile =
				x.Indicator, cat.title(x.Indicator), x.Period, x.Unit, x.Value, x.Status, x.Percentile
			sum.Min, sum.Median, sum.Max = fptr(pmin), fptr(pmed), fptr(pmax)
			cur.similar.Summary = append(cur.similar.Summary, sum)
		}
		return nil
	})
	return err
}

// nearbyByReference fills the nearby schools' headline figures and the
// newest periods of d (whose place and nearby schools the page queries
// read) with the reference queries, not the Go that built the document.
func (s *Store) nearbyByReference(ctx context.Context, d *schoolDoc) error {
	for i := range d.nearby.Schools {
		n := &d.nearby.Schools[i]
		for k, f := range n.slots() {
			var v sql.NullFloat64
			err := s.scanOne(ctx, "reference.nearby_headline", "figure", []any{n.URN, SchoolListIndicators[k]}, f.period, &v, f.status)
			switch {
			case errors.Is(err, ErrNotFound):
				*f.status = "not_published"
			case err != nil:
				return err
			}
			*f.v = fptr(v)
		}
	}
	for i, r := range d.profile.Figures {
		if i > 0 && d.profile.Figures[i-1].Indicator == r.Indicator {
			continue
		}
		p := NewestPeriod{Indicator: r.Indicator}
		err := s.scanOne(ctx, "reference.newest", "newest", []any{d.profile.School.LAOldCode, r.Indicator},
			&p.Period.Period, &p.Year, &p.InLA)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		d.nearby.Newest = append(d.nearby.Newest, p)
	}
	return nil
}
