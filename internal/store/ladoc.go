package store

import (
	"context"
	"database/sql"
	"fmt"
)

// LA documents: as school documents (schooldoc.go), each LA's profile,
// placement mix and the trend its page shows first, stored at ingest in
// page_la_doc so an LA page is one read by the primary key instead of three
// range reads. The LA itself, its statistical neighbours and its flags are
// kept by the store and added on reading.

// DefaultLAIndicator is the indicator an LA page's trend shows first.
const DefaultLAIndicator = "tribunal.rate"

// LAPage is what an LA page shows: the profile and one indicator's trend.
type LAPage struct {
	Profile   *LAProfile
	Indicator string
	Trend     []TrendFigure
	Schools   []PhaseCount // its schools by phase (laschools.go)
}

// LAPage returns an LA's page given its old or 9-character code; indicator
// "" means DefaultLAIndicator, whose trend is stored with the profile; any
// other is read from page_la_trend. ErrNotFound for an unknown LA or
// indicator.
func (s *Store) LAPage(ctx context.Context, code, indicator string) (*LAPage, error) {
	la, err := s.ResolveLA(ctx, code)
	if err != nil {
		return nil, err
	}
	if indicator == "" {
		indicator = DefaultLAIndicator
	}
	if _, err := s.Indicator(ctx, indicator); err != nil {
		return nil, err
	}
	doc, err := s.laDoc(ctx, la.OldCode, code)
	if err != nil {
		return nil, err
	}
	p := &LAPage{Profile: &LAProfile{LA: *la}, Indicator: indicator}
	if err := readDoc(doc.profile, func(d *docDec) { p.Profile.Figures = d.profileRows() }); err != nil {
		return nil, fmt.Errorf("LA %s: %w", code, err)
	}
	if err := readDoc(doc.placement, func(d *docDec) { p.Profile.Placement = d.figures() }); err != nil {
		return nil, fmt.Errorf("LA %s: %w", code, err)
	}
	if indicator == DefaultLAIndicator {
		if err := readDoc(doc.trend, func(d *docDec) { p.Trend = d.trendFigures() }); err != nil {
			return nil, fmt.Errorf("LA %s: %w", code, err)
		}
	} else if p.Trend, err = s.laTrendSQL(ctx, la.OldCode, indicator); err != nil {
		return nil, err
	}
	if p.Profile.Neighbours, err = s.neighbours(ctx, la.OldCode); err != nil {
		return nil, err
	}
	if p.Profile.Flags, err = s.Flags(ctx, "la", la.OldCode); err != nil {
		return nil, err
	}
	if p.Profile.Unjudged, err = s.Unjudged(ctx, "la", la.OldCode); err != nil {
		return nil, err
	}
	if p.Schools, err = s.LASchoolCounts(ctx, la.OldCode); err != nil {
		return nil, err
	}
	return p, nil
}

// laDoc is one LA's stored document, inflated (readDoc decodes each part).
type laDoc struct{ profile, placement, trend string }

// inflateLADoc inflates the parts of an LA's document as stored.
func inflateLADoc(profile, placement, trend []byte) (laDoc, error) {
	var d laDoc
	var err error
	for _, x := range []struct {
		dst  *string
		blob []byte
	}{{&d.profile, profile}, {&d.placement, placement}, {&d.trend, trend}} {
		if *x.dst, err = inflateDoc(x.blob); err != nil {
			return d, err
		}
	}
	return d, nil
}

// laDoc reads an LA's document (code is what the page was asked for) from
// the kept documents of every LA, inflated: 5.4 MB at national size (1.3 MB
// packed), for no DuckDB read and no inflating on an LA page.
func (s *Store) laDoc(ctx context.Context, old, code string) (laDoc, error) {
	all, err := s.laDocMap(ctx)
	if err != nil {
		return laDoc{}, err
	}
	d, ok := all[old]
	if !ok {
		return d, fmt.Errorf("LA %s: %w", code, ErrNotFound)
	}
	return d, nil
}

// laDocMap is every LA's document by old code, inflated, kept by the
// store.
func (s *Store) laDocMap(ctx context.Context) (map[string]laDoc, error) {
	all, err := kept(s, &s.laDocs, func() (*map[string]laDoc, error) {
		m := map[string]laDoc{}
		err := eachRow(ctx, s, "la.doc_all", nil, func(r *sql.Rows) error {
			var la string
			var prof, place, trend []byte
			if err := r.Scan(&la, &prof, &place, &trend); err != nil {
				return err
			}
			d, err := inflateLADoc(prof, place, trend)
			if err != nil {
				return fmt.Errorf("LA %s: %w", la, err)
			}
			m[la] = d
			return nil
		})
		return &m, err
	})
	if err != nil {
		return nil, err
	}
	return *all, nil
}

// BuildLADocs fills page_la_doc from the page tables, on conn.
func (s *Store) BuildLADocs(ctx context.Context, conn *sql.Conn) error {
	c := &Store{Q: s.Q, conn: conn}
	var olds []string
	err := eachRow(ctx, c, "la.all", nil, func(r *sql.Rows) error {
		var skip string
		olds = append(olds, "")
		return r.Scan(&olds[len(olds)-1], &skip, &skip, &skip, &skip, &skip, &skip)
	})
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(olds))
	for _, old := range olds {
		p, err := c.laProfileSQL(ctx, old)
		if err != nil {
			return err
		}
		trend, err := c.laTrendSQL(ctx, old, DefaultLAIndicator)
		if err != nil {
			return err
		}
		prof, err1 := packDoc(func(e *docEnc) { e.profileRows(p.Figures) })
		place, err2 := packDoc(func(e *docEnc) { e.figures(p.Placement) })
		tr, err3 := packDoc(func(e *docEnc) { e.trendFigures(trend) })
		if err := firstErr(err1, err2, err3); err != nil {
			return fmt.Errorf("LA %s: pack its page: %w", old, err)
		}
		rows = append(rows, []any{old, prof, place, tr})
	}
	return appendRows(conn, "page_la_doc", rows)
}
