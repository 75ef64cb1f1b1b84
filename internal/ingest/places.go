package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/sendash/sendash/internal/geo"
	"github.com/sendash/sendash/internal/store"
)

// Places counts what the postcode lookup gave the build: postcodes loaded
// (and how many have a place) and schools placed by postcode, by their GIAS
// National Grid point, or not at all.
type Places struct {
	Postcodes, PostcodesPlaced   int64
	ByPostcode, ByGrid, Unplaced int64
}

// gridPlace is a school without a place by postcode, and its GIAS point.
type gridPlace struct {
	urn               string
	easting, northing float64
	postcode          sql.NullString
}

// gridPlaces appends to school_place the schools the query
// (derive.school_place.grid) returns, their GIAS easting and northing
// turned into latitude and longitude (OSGB36 to WGS84, within about 5 m).
func (l *loader) gridPlaces(ctx context.Context, query string) error {
	rows, err := l.conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	var todo []gridPlace
	for rows.Next() {
		var g gridPlace
		if err := rows.Scan(&g.urn, &g.easting, &g.northing, &g.postcode); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, g)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return store.AppendEach(l.conn, "school_place", func(add func(...driver.Value) error) error {
		for _, g := range todo {
			p := geo.GridToPoint(g.easting, g.northing)
			var pc driver.Value
			if g.postcode.Valid {
				pc = g.postcode.String
			}
			if err := add(g.urn, p.Lat, p.Long, "gias_grid", pc); err != nil {
				return err
			}
		}
		return nil
	})
}

// placeCounts reads the summary's place counts from the built database.
func (l *loader) placeCounts(ctx context.Context) (Places, error) {
	var p Places
	err := l.conn.QueryRowContext(ctx, l.st.Q.Get("ingest.place_counts")).Scan(
		&p.Postcodes, &p.PostcodesPlaced, &p.ByPostcode, &p.ByGrid, &p.Unplaced)
	return p, err
}
