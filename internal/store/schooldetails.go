package store

import (
	"context"
	"database/sql"
	"strings"
)

// SchoolDetails is what the school register (GIAS, else the performance
// tables' school list) says about a school beyond its name: address,
// status, dates, ages and SEN provision. An empty string or nil number is
// not published in the loaded files.
type SchoolDetails struct {
	Street            string   `json:"street"`
	Locality          string   `json:"locality"`
	Address3          string   `json:"address3"`
	Town              string   `json:"town"`
	Postcode          string   `json:"postcode"`
	EstablishmentType string   `json:"establishment_type"`
	Status            string   `json:"status"`        // open, closed, proposed to open
	StatusSource      string   `json:"status_source"` // GIAS, or the school list and its year
	OpenDate          string   `json:"open_date"`     // YYYY-MM-DD
	CloseDate         string   `json:"close_date"`
	AgeLow            *float64 `json:"age_low"`
	AgeHigh           *float64 `json:"age_high"`
	// ResourcedProvision is GIAS's type of resourced provision (e.g.
	// "Resourced provision", "SEN unit", "Resourced provision and SEN unit").
	ResourcedProvision string   `json:"resourced_provision"`
	RPOnRoll           *float64 `json:"resourced_provision_on_roll"`
	RPCapacity         *float64 `json:"resourced_provision_capacity"`
	SENUnitOnRoll      *float64 `json:"sen_unit_on_roll"`
	SENUnitCapacity    *float64 `json:"sen_unit_capacity"`
	// SENNeeds are the types of need the provision is for (GIAS SEN1-SEN13).
	SENNeeds []string `json:"sen_needs"`
}

// AddressLines are the published address lines that are not blank.
func (d *SchoolDetails) AddressLines() []string {
	var out []string
	for _, s := range []string{d.Street, d.Locality, d.Address3, d.Town} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// HasProvision reports whether GIAS records any SEN provision for the school.
func (d *SchoolDetails) HasProvision() bool {
	return d.ResourcedProvision != "" || d.RPOnRoll != nil || d.RPCapacity != nil ||
		d.SENUnitOnRoll != nil || d.SENUnitCapacity != nil || len(d.SENNeeds) > 0
}

// schoolDetailsIn reads the details of the schools whose URNs sort between
// lo and hi (page_school_info), calling fn with each URN and its details.
func (s *Store) schoolDetailsIn(ctx context.Context, lo, hi string, fn func(urn string, d SchoolDetails) error) error {
	return eachRow(ctx, s, "school.details", []any{lo, hi}, func(r *sql.Rows) error {
		var urn, needs string
		var d SchoolDetails
		var lo, hi, rpRoll, rpCap, unitRoll, unitCap sql.NullFloat64
		err := r.Scan(&urn, &d.Street, &d.Locality, &d.Address3, &d.Town, &d.Postcode, &d.EstablishmentType,
			&d.Status, &d.StatusSource, &d.OpenDate, &d.CloseDate, &lo, &hi, &d.ResourcedProvision,
			&rpRoll, &rpCap, &unitRoll, &unitCap, &needs)
		if err != nil {
			return err
		}
		d.AgeLow, d.AgeHigh = fptr(lo), fptr(hi)
		d.RPOnRoll, d.RPCapacity, d.SENUnitOnRoll, d.SENUnitCapacity = fptr(rpRoll), fptr(rpCap), fptr(unitRoll), fptr(unitCap)
		if needs != "" {
			d.SENNeeds = strings.Split(needs, "; ")
		}
		return fn(urn, d)
	})
}

func (e *docEnc) details(d *SchoolDetails) {
	for _, v := range []string{d.Street, d.Locality, d.Address3, d.Town, d.Postcode, d.EstablishmentType,
		d.Status, d.StatusSource, d.OpenDate, d.CloseDate, d.ResourcedProvision} {
		e.str(v)
	}
	for _, p := range []*float64{d.AgeLow, d.AgeHigh, d.RPOnRoll, d.RPCapacity, d.SENUnitOnRoll, d.SENUnitCapacity} {
		e.pf(p)
	}
	e.n(len(d.SENNeeds), d.SENNeeds == nil)
	for _, v := range d.SENNeeds {
		e.str(v)
	}
}

func (d *docDec) details(x *SchoolDetails) {
	for _, p := range []*string{&x.Street, &x.Locality, &x.Address3, &x.Town, &x.Postcode, &x.EstablishmentType,
		&x.Status, &x.StatusSource, &x.OpenDate, &x.CloseDate, &x.ResourcedProvision} {
		*p = d.str()
	}
	for _, p := range []**float64{&x.AgeLow, &x.AgeHigh, &x.RPOnRoll, &x.RPCapacity, &x.SENUnitOnRoll, &x.SENUnitCapacity} {
		*p = d.pf()
	}
	if n := d.n(); n >= 0 {
		x.SENNeeds = make([]string, n)
		for i := range x.SENNeeds {
			x.SENNeeds[i] = d.str()
		}
	}
}
