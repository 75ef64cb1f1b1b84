package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/sendash/sendash/internal/geo"
)

// The nearby-schools part of the school documents: the school's place, its
// nearest open schools of the same phase (school_nearby, found at ingest)
// with each one's headline figures, and the newest period loaded of each
// of its indicators for its LA (else England), which the page's warning
// about old figures compares with the school's own.

// SchoolNearby is a school's place, its nearby schools and the newest
// periods loaded of its indicators.
type SchoolNearby struct {
	// Place is nil for a school the loaded files give no place.
	Place   *SchoolPlace   `json:"place"`
	Schools []NearbySchool `json:"schools"`
	// Newest is, for each indicator of the school's profile, the newest
	// period loaded for its LA (the LA's own figure or any of its schools'),
	// or else for any LA or school: a page says when the school's own
	// figure is much older.
	Newest []NewestPeriod `json:"newest"`
}

// NewestPeriod is the newest period loaded of an indicator, for the
// school's LA (InLA) or for England.
type NewestPeriod struct {
	Indicator string `json:"indicator"`
	Period
	InLA bool `json:"in_la"`
}

// SchoolPlace is where a school is: latitude and longitude (WGS84), from
// its postcode ("postcode") or its GIAS grid point ("gias_grid").
type SchoolPlace struct {
	Lat      float64 `json:"lat"`
	Long     float64 `json:"long"`
	Source   string  `json:"source"`
	Postcode string  `json:"postcode"`
}

// Period is a figure's period and its sort year ("" and 0: none).
type Period struct {
	Period string `json:"period"`
	Year   int    `json:"year"`
}

// NearbySchool is one nearby school: its rank (1 nearest), the straight-line
// distance and its latest headline figures (SchoolListIndicators), each with its
// period and status; a nil value with status "not_published" has no row.
type NearbySchool struct {
	Rank             int      `json:"rank"`
	URN              string   `json:"urn"`
	Name             string   `json:"name"`
	Phase            string   `json:"phase"`
	DistanceKm       float64  `json:"distance_km"`
	DistanceMiles    float64  `json:"distance_miles"`
	EHCP             *float64 `json:"ehcp_pct"`
	EHCPPeriod       string   `json:"ehcp_period"`
	EHCPStatus       string   `json:"ehcp_status"`
	Support          *float64 `json:"sen_support_pct"`
	SupportPeriod    string   `json:"sen_support_period"`
	SupportStatus    string   `json:"sen_support_status"`
	Absence          *float64 `json:"absence_pct"`
	AbsencePeriod    string   `json:"absence_period"`
	AbsenceStatus    string   `json:"absence_status"`
	Suspension       *float64 `json:"suspension_pct"`
	SuspensionPeriod string   `json:"suspension_period"`
	SuspensionStatus string   `json:"suspension_status"`
}

// NearbyFigure is one headline figure of a nearby school, for the page.
type NearbyFigure struct {
	Indicator, Period, Status string
	Value                     *float64
	Unit, Reason              string // "%" and "", for the pages' value partial
}

// nearbySlot is where one headline figure of a nearby school is kept.
type nearbySlot struct {
	v              **float64
	period, status *string
}

// slots are the school's headline figures' fields, in SchoolListIndicators's order.
func (n *NearbySchool) slots() []nearbySlot {
	return []nearbySlot{
		{&n.EHCP, &n.EHCPPeriod, &n.EHCPStatus},
		{&n.Support, &n.SupportPeriod, &n.SupportStatus},
		{&n.Absence, &n.AbsencePeriod, &n.AbsenceStatus},
		{&n.Suspension, &n.SuspensionPeriod, &n.SuspensionStatus},
	}
}

// Figures are the school's headline figures in SchoolListIndicators's order.
func (n NearbySchool) Figures() []NearbyFigure {
	out := make([]NearbyFigure, len(SchoolListIndicators))
	for i, f := range n.slots() {
		out[i] = NearbyFigure{Indicator: SchoolListIndicators[i], Period: *f.period, Status: *f.status, Value: *f.v, Unit: "%"}
	}
	return out
}

// headline fills n's headline figures from the index: each indicator's
// latest figure for the school, else "not_published".
func (ix *similarIndex) headline(n *NearbySchool) {
	school, ok := ix.num[n.URN]
	for i, f := range n.slots() {
		*f.status = "not_published"
		k, found := slices.BinarySearch(ix.inds, SchoolListIndicators[i])
		if !ok || !found {
			continue
		}
		if v := ix.latest(school, int32(k)); v != nil {
			*f.v, *f.period, *f.status = v.valuePtr(), ix.pers[v.per], ix.status[v.status]
		}
	}
}

// newestIndex is the newest period loaded of each indicator, by LA (old
// code) and, under "*", for England.
type newestIndex map[string]map[string]Period

// readNewest reads the newest period of each indicator for each LA and for
// England (school.doc_newest).
func (s *Store) readNewest(ctx context.Context) (newestIndex, error) {
	ix := newestIndex{}
	err := eachRow(ctx, s, "school.doc_newest", nil, func(r *sql.Rows) error {
		var la, ind string
		var p Period
		if err := r.Scan(&la, &ind, &p.Period, &p.Year); err != nil {
			return err
		}
		if ix[la] == nil {
			ix[la] = map[string]Period{}
		}
		ix[la][ind] = p
		return nil
	})
	return ix, err
}

// newest lists, for each indicator of the profile in its order, the newest
// period loaded for the LA, else for England.
func (ix newestIndex) newest(la string, rows []ProfileRow) []NewestPeriod {
	var out []NewestPeriod
	for i, r := range rows {
		if i > 0 && rows[i-1].Indicator == r.Indicator {
			continue
		}
		if p, ok := ix[la][r.Indicator]; ok {
			out = append(out, NewestPeriod{Indicator: r.Indicator, Period: p, InLA: true})
		} else if p, ok := ix["*"][r.Indicator]; ok {
			out = append(out, NewestPeriod{Indicator: r.Indicator, Period: p})
		}
	}
	return out
}

// nearbyIn reads the places and nearby schools of the schools whose URNs
// sort between lo and hi, calling place and near for each row.
func (s *Store) nearbyIn(ctx context.Context, lo, hi string, place func(urn string, p SchoolPlace) error,
	near func(urn string, n NearbySchool) error) error {
	err := eachRow(ctx, s, "school.doc_place", []any{lo, hi}, func(r *sql.Rows) error {
		var urn string
		var p SchoolPlace
		if err := r.Scan(&urn, &p.Lat, &p.Long, &p.Source, &p.Postcode); err != nil {
			return err
		}
		return place(urn, p)
	})
	if err != nil {
		return err
	}
	return eachRow(ctx, s, "school.doc_nearby", []any{lo, hi}, func(r *sql.Rows) error {
		var urn string
		var n NearbySchool
		if err := r.Scan(&urn, &n.Rank, &n.URN, &n.Name, &n.Phase, &n.DistanceKm); err != nil {
			return err
		}
		n.DistanceMiles = geo.Miles(n.DistanceKm)
		return near(urn, n)
	})
}

func (e *docEnc) nearby(n *SchoolNearby) {
	if n.Place == nil {
		e.b = append(e.b, 0)
	} else {
		e.b = append(e.b, 1)
		e.f64(n.Place.Lat)
		e.f64(n.Place.Long)
		e.str(n.Place.Source)
		e.str(n.Place.Postcode)
	}
	e.n(len(n.Newest), n.Newest == nil)
	for _, p := range n.Newest {
		e.str(p.Indicator)
		e.str(p.Period.Period)
		e.int(int64(p.Year))
		e.b = append(e.b, boolByte(p.InLA))
	}
	e.n(len(n.Schools), n.Schools == nil)
	for i := range n.Schools {
		x := &n.Schools[i]
		e.int(int64(x.Rank))
		e.str(x.URN)
		e.str(x.Name)
		e.str(x.Phase)
		e.f64(x.DistanceKm)
		for _, f := range x.slots() {
			e.pf(*f.v)
			e.str(*f.period)
			e.str(*f.status)
		}
	}
}

func (d *docDec) nearby(n *SchoolNearby) {
	if d.present() {
		p := &SchoolPlace{}
		p.Lat = d.f64()
		p.Long = d.f64()
		p.Source = d.str()
		p.Postcode = d.str()
		n.Place = p
	}
	if k := d.n(); k >= 0 {
		n.Newest = make([]NewestPeriod, k)
	}
	for i := range n.Newest {
		p := &n.Newest[i]
		p.Indicator = d.str()
		p.Period.Period = d.str()
		p.Year = int(d.int())
		p.InLA = d.present()
	}
	if k := d.n(); k >= 0 {
		n.Schools = make([]NearbySchool, k)
	}
	for i := range n.Schools {
		x := &n.Schools[i]
		x.Rank = int(d.int())
		x.URN = d.str()
		x.Name = d.str()
		x.Phase = d.str()
		x.DistanceKm = d.f64()
		x.DistanceMiles = geo.Miles(x.DistanceKm)
		for _, f := range x.slots() {
			*f.v = d.pf()
			*f.period = d.str()
			*f.status = d.str()
		}
	}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
