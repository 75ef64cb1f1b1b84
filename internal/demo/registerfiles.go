package demo

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// giasHeader is the demo GIAS establishments extract's header: the
// published layout's columns (shared/layouts/README.md) that sendash reads,
// among others it does not, in the published order.
var giasHeader = []string{"URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
	"TypeOfEstablishment (code)", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)",
	"EstablishmentTypeGroup (name)", "EstablishmentStatus (code)", "EstablishmentStatus (name)",
	"ReasonEstablishmentOpened (name)", "OpenDate", "ReasonEstablishmentClosed (name)", "CloseDate",
	"PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
	"Boarders (name)", "OfficialSixthForm (name)", "Gender (name)", "ReligiousCharacter (name)",
	"AdmissionsPolicy (name)", "SchoolCapacity", "NumberOfPupils", "Street", "Locality", "Address3",
	"Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum", "TypeOfResourcedProvision (name)",
	"ResourcedProvisionOnRoll", "ResourcedProvisionCapacity", "SenUnitOnRoll", "SenUnitCapacity",
	"GOR (name)", "Easting", "Northing", "SEN1 (name)", "SEN2 (name)", "SEN3 (name)", "SEN4 (name)",
	"SEN5 (name)", "SEN6 (name)", "SEN7 (name)", "SEN8 (name)", "SEN9 (name)", "SEN10 (name)",
	"SEN11 (name)", "SEN12 (name)", "SEN13 (name)", "UPRN"}

// spineHeader is the performance tables' school information header, as in
// 2017-2018_england_spine.xlsx (shared/data/school-information).
const spineHeader = "URN,LA,ESTAB,LAESTAB,SCHNAME,OTHERSCHNAME,STREET,LOCALITY,ADDRESS3,TOWN,POSTCODE," +
	"TELNUM,ICLOSE,OPENDATE,CLOSEDATE,ISNEW,MINORGROUP,NFTYPE,OTHERNFTYPE,ISPRIMARY,ISSECONDARY," +
	"ISPOST16,AGEL,AGEH,GENDER,SIXFGENDER,RELDENOM,ADMPOL,OTHERURN,NEWACFLAG,RE-BROKERED"

// writeGIAS writes the GIAS establishments extract as GIAS publishes it:
// Windows-1252, every field quoted, CRLF, no byte-order mark, one row per
// school that ever existed (closed ones with status Closed and a close date).
func (g *generator) writeGIAS() error {
	name := fmt.Sprintf("edubasealldata%d0901.csv", lastCensus)
	c, err := g.create(name, plainCRLF, "")
	if err != nil {
		return err
	}
	enc := charmap.Windows1252.NewEncoder()
	quoted := func(cells []string) {
		var b strings.Builder
		for i, v := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		s, err := enc.String(b.String())
		if err != nil && c.err == nil {
			c.err = fmt.Errorf("encode Windows-1252: %w", err)
		}
		c.write(s + c.eol)
	}
	quoted(giasHeader)
	for _, s := range g.w.schools {
		quoted(g.giasRow(s))
		c.rows++
	}
	return g.finish(c)
}

// giasRow is one school's row of the extract, in giasHeader's order.
func (g *generator) giasRow(s *school) []string {
	w := g.w
	l := w.laOf(s, s.close-1)
	typ, group := giasType(s)
	status, statusCode, closed := "Open", "1", ""
	if s.close < w.size.years {
		status, statusCode = "Closed", "2"
		closed = fmt.Sprintf("31-08-%d", w.cal.calendar(s.close-1)+1)
	}
	lo, hi := ageRange(s)
	p := s.provision
	needs := make([]string, 13)
	copy(needs, p.needs)
	row := []string{itoa(s.urn), itoa(l.code), l.name, itoa(s.estab), s.name,
		"", typ, "", group, statusCode, status,
		"Not applicable", openDate(w, s), "Not applicable", closed,
		"", giasPhase(s), itoa(lo), itoa(hi),
		"No boarders", "Not applicable", "Mixed", "Does not apply",
		"Not applicable", "", "", s.street, s.locality, "",
		s.home.town, "Not recorded", s.postcode, "", "", cmpOrNA(p.kind),
		zeroBlank(p.rpOnRoll), zeroBlank(p.rpCapacity), zeroBlank(p.unitOnRoll), zeroBlank(p.unitPlaces),
		l.reg.name, fmt.Sprintf("%.0f", s.easting), fmt.Sprintf("%.0f", s.northing)}
	return append(append(row, needs...), "")
}

// openDate is the day a school opened (DD-MM-YYYY): 1 September of its
// first year for a school that opened during the series, the conversion
// date for an academy, blank (not recorded) for an older school.
func openDate(w *world, s *school) string {
	switch {
	case s.open > 0:
		return fmt.Sprintf("01-09-%d", w.cal.calendar(s.open))
	case s.academyOpen != "":
		return strings.ReplaceAll(s.academyOpen, "/", "-")
	}
	return ""
}

func cmpOrNA(s string) string {
	if s == "" {
		return "Not applicable"
	}
	return s
}

func zeroBlank(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

// writeSchoolInfo writes the performance tables' school information for
// the last year (england_school_information.csv, with the spine's columns):
// the schools open in the last two years, a closed one with its close date.
func (g *generator) writeSchoolInfo() error {
	w := g.w
	last := w.size.years - 1
	name := "england_school_information_" + w.cal.dash(last) + ".csv"
	c, err := g.create(name, bomLF, spineHeader)
	if err != nil {
		return err
	}
	for _, s := range w.schools {
		if s.close < last {
			continue
		}
		l := w.laOf(s, s.close-1)
		typ, _ := giasType(s)
		lo, hi := ageRange(s)
		closed := ""
		if s.close < w.size.years {
			closed = fmt.Sprintf("31-08-%d", w.cal.calendar(s.close-1)+1)
		}
		c.row(itoa(s.urn), itoa(l.code), itoa(s.estab), itoa(l.code*10000+s.estab), s.name, "",
			s.street, s.locality, "", s.home.town, s.postcode, "", "", openDate(w, s), closed, "",
			minorGroup(s), typ, "", flag(s.kind == kPrimary || s.kind == kNursery), flag(s.kind == kSecondary),
			flag(s.sixthForm), itoa(lo), itoa(hi), "Mixed", "", "", "", "", "", "")
	}
	return g.finish(c)
}

// minorGroup is the school list's MINORGROUP of a school.
func minorGroup(s *school) string {
	switch {
	case s.kind == kSpecial || s.kind == kNMSS:
		return "Special School"
	case s.kind == kIndependent:
		return "Independent School"
	case urnBlock(s.nftype) > 0:
		return "Academy"
	}
	return "Maintained School"
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
