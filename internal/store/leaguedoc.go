package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// League documents: each league table's rows (one indicator, year and
// group) stored at ingest in page_league_doc, as the school and LA
// documents are (schooldoc.go), so a league page reads one row by its
// primary key instead of a range of page_league.

func leagueKey(indicator string, year int, grp string) string {
	return indicator + "|" + strconv.Itoa(year) + "|" + grp
}

// leagueRows returns one league table's rows, England's among them, from
// its document; a table with no document has no rows.
func (s *Store) leagueRows(ctx context.Context, indicator string, year int, grp string) ([]Figure, error) {
	var blob []byte
	key := leagueKey(indicator, year, grp)
	err := s.scanOne(ctx, "league.doc", "league table "+key, []any{key}, &blob)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rows []Figure
	if err := unpackDoc(blob, func(d *docDec) { rows = d.figures() }); err != nil {
		return nil, fmt.Errorf("league table %s: %w", key, err)
	}
	return rows, nil
}

// BuildLeagueDocs fills page_league_doc with league.rows for every league
// table, on conn.
func (s *Store) BuildLeagueDocs(ctx context.Context, conn *sql.Conn) error {
	c := &Store{Q: s.Q, conn: conn}
	type key struct {
		ind, grp string
		year     int
	}
	var keys []key
	err := eachRow(ctx, c, "league.doc_keys", nil, func(r *sql.Rows) error {
		var k key
		keys = append(keys, k)
		return r.Scan(&keys[len(keys)-1].ind, &keys[len(keys)-1].year, &keys[len(keys)-1].grp)
	})
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(keys))
	for _, k := range keys {
		figs, err := c.queryFigures(ctx, "league.rows", k.ind, k.year, k.grp)
		if err != nil {
			return err
		}
		blob, err := packDoc(func(e *docEnc) { e.figures(figs) })
		if err != nil {
			return fmt.Errorf("league table %s: pack it: %w", leagueKey(k.ind, k.year, k.grp), err)
		}
		rows = append(rows, []any{leagueKey(k.ind, k.year, k.grp), blob})
	}
	return appendRows(conn, "page_league_doc", rows)
}
