package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// School documents. Read from the page tables, a school page takes four
// range reads (profile, trend, similar schools and their values), about 9 ms
// of DuckDB time at national size however the tables are laid out, since
// each read scans a row group. At ingest, BuildSchoolDocs reads those tables
// with the same page queries, a range of schools at a time, and stores each
// school's result, encoded (doccodec.go) and deflated, in page_school_doc, keyed by an ART
// primary key; a school page is then one read of about half a millisecond
// at national size. TestSchoolDocsMatchPageQueries checks every document
// against the page queries.

// SchoolPage is what a school page shows: the profile, the indicator whose
// trend is drawn, its trend, the similar schools, and the school's place
// and nearby schools.
type SchoolPage struct {
	Profile   *SchoolProfile
	Indicator string
	Trend     []Figure
	Similar   *Similar
	Nearby    *SchoolNearby
}

// SchoolPage returns a school's page in one read; indicator "" means the
// page's default (DefaultSchoolIndicator). Another indicator's trend is read
// from page_school_trend. ErrNotFound for an unknown school or indicator.
func (s *Store) SchoolPage(ctx context.Context, urn, indicator string) (*SchoolPage, error) {
	var ind string
	var prof, trend, sim, near []byte
	if err := s.scanOne(ctx, "school.doc", "school "+urn, []any{urn}, &ind, &prof, &trend, &sim, &near); err != nil {
		return nil, err
	}
	p := &SchoolPage{Profile: &SchoolProfile{}, Indicator: indicator, Similar: &Similar{}, Nearby: &SchoolNearby{}}
	if err := unpackDoc(prof, func(d *docDec) { d.profile(p.Profile) }); err != nil {
		return nil, fmt.Errorf("school %s: %w", urn, err)
	}
	if _, err := s.withFlags(ctx, urn, p.Profile); err != nil {
		return nil, err
	}
	if p.Indicator == "" {
		p.Indicator = ind
	}
	if p.Indicator == ind {
		if err := unpackDoc(trend, func(d *docDec) { p.Trend = d.figures() }); err != nil {
			return nil, fmt.Errorf("school %s: %w", urn, err)
		}
		if _, err := s.Indicator(ctx, ind); err != nil {
			return nil, err
		}
	} else {
		var err error
		if p.Trend, err = s.SchoolTrend(ctx, urn, p.Indicator); err != nil {
			return nil, err
		}
	}
	if err := unpackDoc(sim, func(d *docDec) { d.similar(p.Similar) }); err != nil {
		return nil, fmt.Errorf("school %s: %w", urn, err)
	}
	if err := unpackDoc(near, func(d *docDec) { d.nearby(p.Nearby) }); err != nil {
		return nil, fmt.Errorf("school %s: %w", urn, err)
	}
	if len(p.Similar.Schools) == 0 {
		return nil, fmt.Errorf("school %s: %w", urn, ErrNotFound)
	}
	return p, nil
}

// schoolDoc is one school's document before it is packed.
type schoolDoc struct {
	urn     string
	profile SchoolProfile // without flags: they are kept apart
	trend   []Figure      // for DefaultSchoolIndicator(profile.Figures)
	similar Similar
	nearby  SchoolNearby
}

// SchoolDocBatch is how many schools BuildSchoolDocs reads at a time: about
// 40 MB of Go values at national size.
const SchoolDocBatch = 1000

// BuildSchoolDocs fills page_school_doc from the page tables, batch schools
// at a time: it appends on conn (the ingest's connection) and reads the
// batches on readers, other connections to the same database, so that the
// reading and packing of some batches overlap the appending of others. With
// no readers it reads on conn, taking turns with the appends. About 40% of
// the work is reading rows through database/sql, value by value, and a
// quarter packing, so two readers on two cores build the national set's
// documents in less time than one.
func (s *Store) BuildSchoolDocs(ctx context.Context, conn *sql.Conn, readers []*sql.Conn, batch int) error {
	c := &Store{Q: s.Q, conn: conn}
	cat, err := c.readCatalogue(ctx)
	if err != nil {
		return err
	}
	var urns []string
	err = eachRow(ctx, c, "school.doc_urns", nil, func(r *sql.Rows) error {
		var u string
		urns = append(urns, u)
		return r.Scan(&urns[len(urns)-1])
	})
	if err != nil {
		return err
	}
	sim, err := c.readSimilarIndex(ctx)
	if err != nil {
		return err
	}
	newest, err := c.readNewest(ctx)
	if err != nil {
		return err
	}
	var connMu sync.Mutex // conn: appends, and reads when there are no readers
	type reader struct {
		st *Store
		mu *sync.Mutex
	}
	rs := []reader{{c, &connMu}}
	if len(readers) > 0 {
		rs = rs[:0]
		for _, r := range readers {
			rs = append(rs, reader{&Store{Q: s.Q, conn: r}, &sync.Mutex{}})
		}
	}
	type packed struct {
		rows [][]any
		err  error
	}
	n := (len(urns) + batch - 1) / batch
	done := make([]chan packed, n)
	for i := range done {
		done[i] = make(chan packed, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// At most one batch a reader, and one more, is read and not yet appended.
	ahead := make(chan struct{}, len(rs)+1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, r := range rs {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					done[i] <- packed{err: ctx.Err()}
					continue
				}
				lo, hi := urns[i*batch], urns[min((i+1)*batch, len(urns))-1]
				r.mu.Lock()
				docs, err := r.st.schoolDocsIn(ctx, lo, hi)
				r.mu.Unlock()
				for _, d := range docs {
					d.similar = sim.similar(d.urn, cat)
					d.withStanding()
					for i := range d.nearby.Schools {
						sim.headline(&d.nearby.Schools[i])
					}
					d.nearby.Newest = newest.newest(d.profile.School.LAOldCode, d.profile.Figures)
				}
				var p packed
				if err != nil {
					p.err = err
				} else {
					p.rows, p.err = packSchoolDocs(docs)
				}
				done[i] <- p
			}
		})
	}
	defer wg.Wait()
	for i := range n {
		p := <-done[i]
		if p.err == nil {
			connMu.Lock()
			p.err = appendRows(conn, "page_school_doc", p.rows)
			connMu.Unlock()
		}
		if p.err != nil {
			cancel()
			return p.err
		}
		<-ahead
	}
	return nil
}

// schoolDocsIn reads the profiles and trends of the schools whose URNs sort
// between lo and hi, in URN order, with the page queries; the caller adds
// the similar-schools part (similarIndex.similar).
func (s *Store) schoolDocsIn(ctx context.Context, lo, hi string) ([]*schoolDoc, error) {
	var docs []*schoolDoc
	byURN := map[string]*schoolDoc{}
	err := eachRow(ctx, s, "school.info", []any{lo, hi}, func(r *sql.Rows) error {
		d := &schoolDoc{}
		sc := &d.profile.School
		err := r.Scan(&sc.URN, &sc.LAESTAB, &sc.LAOldCode, &sc.Name, &sc.Type, &sc.Phase, &sc.TypeGroup,
			&sc.LACode, &sc.LAName)
		d.urn = sc.URN
		docs = append(docs, d)
		byURN[d.urn] = d
		return err
	})
	if err != nil {
		return nil, err
	}
	doc := func(urn string) (*schoolDoc, error) {
		if d := byURN[urn]; d != nil {
			return d, nil
		}
		return nil, fmt.Errorf("page rows for school %s, which is not in page_school_info", urn)
	}
	err = s.schoolDetailsIn(ctx, lo, hi, func(urn string, x SchoolDetails) error {
		d, err := doc(urn)
		if err == nil {
			d.profile.Details = x
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.nearbyIn(ctx, lo, hi, func(urn string, p SchoolPlace) error {
		d, err := doc(urn)
		if err == nil {
			d.nearby.Place = &p
		}
		return err
	}, func(urn string, n NearbySchool) error {
		d, err := doc(urn)
		if err == nil {
			d.nearby.Schools = append(d.nearby.Schools, n)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var head School
	lead := []any{&head.URN, &head.LAESTAB, &head.LAOldCode, &head.Name, &head.Type, &head.Phase,
		&head.TypeGroup, &head.LACode, &head.LAName}
	err = s.eachProfileRow(ctx, "school.latest", lead, []any{lo, hi}, func(r ProfileRow) error {
		d, err := doc(head.URN)
		if err != nil {
			return err
		}
		if head != d.profile.School {
			return fmt.Errorf("school %s: page_school_latest's header differs from page_school_info's", head.URN)
		}
		d.profile.Figures = append(d.profile.Figures, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var pageURN string
	err = eachRow(ctx, s, "school.doc_trend", []any{lo, hi}, func(r *sql.Rows) error {
		var f Figure
		var n nulls
		if err := r.Scan(append([]any{&pageURN}, figureDest(&f, &n)...)...); err != nil {
			return err
		}
		n.apply(&f)
		d, err := doc(pageURN)
		if err != nil {
			return err
		}
		if want := DefaultSchoolIndicator(d.profile.Figures); f.Indicator != want {
			return fmt.Errorf("school %s: trend row for %s, but its page shows %s first", pageURN, f.Indicator, want)
		}
		d.trend = append(d.trend, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// packSchoolDocs packs docs as page_school_doc rows.
func packSchoolDocs(docs []*schoolDoc) ([][]any, error) {
	rows := make([][]any, 0, len(docs))
	for _, d := range docs {
		prof, err1 := packDoc(func(e *docEnc) { e.profile(&d.profile) })
		trend, err2 := packDoc(func(e *docEnc) { e.figures(d.trend) })
		sim, err3 := packDoc(func(e *docEnc) { e.similar(&d.similar) })
		near, err4 := packDoc(func(e *docEnc) { e.nearby(&d.nearby) })
		if err := firstErr(err1, err2, err3, err4); err != nil {
			return nil, fmt.Errorf("school %s: pack its page: %w", d.urn, err)
		}
		rows = append(rows, []any{d.urn, DefaultSchoolIndicator(d.profile.Figures), prof, trend, sim, near})
	}
	return rows, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
