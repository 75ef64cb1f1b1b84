package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/klauspost/compress/flate"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/freelist"
	"github.com/sendash/sendash/queries"
)

// The school documents' encoding (schooldoc.go): each field in a fixed
// order, slices length-prefixed, a nullable number as a presence byte and
// its value, floats as their exact bits; then deflated. A string is
// written once per document and referred to by number after that (see
// docEnc.str): a school's profile repeats each indicator's title, caveat
// and reason on every row, and written out every time the national set's
// documents came to 472 MB before deflating, whose deflating was a third
// of the time ingest spends on them.
// It keeps what the page queries return exactly (a nil *float64, "not
// published", apart from a zero; nil slices apart from empty ones), which
// TestSchoolDocsMatchPageQueries checks. JSON did the same at about four
// times the decoding cost.

// docFormat is the first byte of every document; bump it on any change to
// the encoding (BuildVersion includes it, so a database built with another
// one is rebuilt or refused rather than misread).
const docFormat = 3

// minShared is the shortest string kept for reference: a reference costs
// one or two bytes, as does a short string's own length.
const minShared = 4

type docEnc struct {
	b    []byte
	seen map[string]uint64 // strings written so far (len >= minShared) -> number
}

// str writes s as uvarint(len<<1 | 1) and its bytes, or, when the same
// string of minShared bytes or more is already in the document, as
// uvarint((n+1)<<1), n its number in order of first writing.
func (e *docEnc) str(s string) {
	if len(s) >= minShared {
		if n, ok := e.seen[s]; ok {
			e.b = binary.AppendUvarint(e.b, (n+1)<<1)
			return
		}
		e.seen[s] = uint64(len(e.seen))
	}
	e.b = binary.AppendUvarint(e.b, uint64(len(s))<<1|1)
	e.b = append(e.b, s...)
}
func (e *docEnc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *docEnc) f64(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *docEnc) n(n int, isNil bool) {
	if isNil {
		e.b = append(e.b, 0)
		return
	}
	e.b = binary.AppendUvarint(e.b, uint64(n)+1)
}
func (e *docEnc) pf(p *float64) {
	if p == nil {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.f64(*p)
}
func (e *docEnc) pi(p *int64) {
	if p == nil {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.int(*p)
}

func (e *docEnc) school(s *School) {
	for _, v := range []string{s.URN, s.LAESTAB, s.LAOldCode, s.Name, s.Type, s.Phase, s.TypeGroup, s.LACode, s.LAName} {
		e.str(v)
	}
}

func (e *docEnc) figure(f *Figure) {
	for _, v := range []string{f.Indicator, f.Level, f.Code, f.Name, f.LACode, f.Period, f.PeriodType} {
		e.str(v)
	}
	e.int(int64(f.Year))
	e.str(f.Grp)
	e.pf(f.Numerator)
	e.pf(f.Denominator)
	e.pf(f.Value)
	e.str(f.Unit)
	e.str(f.Status)
	e.str(f.Reason)
	e.pf(f.Published)
	e.pi(f.SourceID)
	e.pi(f.Rank)
	e.pi(f.RankOf)
	e.pi(f.Quartile)
	e.pf(f.Percentile)
}

func (e *docEnc) figures(fs []Figure) {
	e.n(len(fs), fs == nil)
	for i := range fs {
		e.figure(&fs[i])
	}
}

func (e *docEnc) profile(p *SchoolProfile) {
	e.school(&p.School)
	e.details(&p.Details)
	e.profileRows(p.Figures)
}

func (e *docEnc) trendFigures(ts []TrendFigure) {
	e.n(len(ts), ts == nil)
	for i := range ts {
		e.str(ts[i].Role)
		e.figure(&ts[i].Figure)
	}
}

func (e *docEnc) profileRows(rs []ProfileRow) {
	e.n(len(rs), rs == nil)
	for i := range rs {
		r := &rs[i]
		e.figure(&r.Figure)
		e.str(r.Title)
		e.str(r.Polarity)
		e.str(r.Caveat)
		e.pf(r.LAValue)
		e.str(r.LAStatus)
		e.pf(r.EnglandValue)
		e.str(r.EnglandStatus)
		e.str(r.LAGrp)
		e.str(r.EnglandGrp)
		e.standing(r.Similar)
	}
}

// standing is stored as its peer count, 0 for none, then the rest.
func (e *docEnc) standing(x *Standing) {
	if x == nil {
		e.int(0)
		return
	}
	e.int(int64(x.Peers))
	e.int(int64(x.Lower))
	e.int(int64(x.Higher))
	e.f64(x.Median)
}

func (e *docEnc) similar(s *Similar) {
	e.n(len(s.Schools), s.Schools == nil)
	for i := range s.Schools {
		x := &s.Schools[i]
		e.str(x.URN)
		e.int(int64(x.Rank))
		e.f64(x.Distance)
		e.str(x.Name)
		e.str(x.Phase)
		e.str(x.TypeGroup)
		e.str(x.Census)
		e.pf(x.Roll)
		e.pf(x.FSMPct)
	}
	e.n(len(s.Summary), s.Summary == nil)
	for i := range s.Summary {
		x := &s.Summary[i]
		e.str(x.Indicator)
		e.str(x.Title)
		e.str(x.Period)
		e.str(x.Unit)
		e.pf(x.Value)
		e.str(x.Status)
		e.pf(x.Percentile)
		e.int(int64(x.Peers))
		e.int(int64(x.Lower))
		e.int(int64(x.Higher))
		e.pf(x.Min)
		e.pf(x.Median)
		e.pf(x.Max)
	}
	// A point's name is its school's (schoolDocsIn), so it is not stored.
	e.n(len(s.Points), s.Points == nil)
	for i := range s.Points {
		x := &s.Points[i]
		e.str(x.URN)
		e.int(int64(x.Rank))
		e.str(x.Indicator)
		e.str(x.Period)
		e.pf(x.Value)
		e.str(x.Status)
		e.str(x.Unit)
		e.pf(x.Percentile)
	}
}

var errDocShort = errors.New("the stored page is cut short")

// docDec reads a document from a string (the decompressed bytes converted
// once), so each decoded string is a slice of it, not a new allocation.
type docDec struct {
	s      string
	err    error
	shared []string // strings of minShared bytes or more, in order of first reading
}

func (d *docDec) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.s = ""
}

func (d *docDec) uvarint() uint64 {
	var v uint64
	var shift uint
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break
			}
			d.s = d.s[i+1:]
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.fail(errDocShort)
	return 0
}

func (d *docDec) int() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *docDec) str() string {
	x := d.uvarint()
	if x&1 == 0 { // a string read before
		if x == 0 || x>>1 > uint64(len(d.shared)) {
			d.fail(errors.New("the stored page refers to a string it does not hold"))
			return ""
		}
		return d.shared[x>>1-1]
	}
	n := x >> 1
	if n > uint64(len(d.s)) {
		d.fail(errDocShort)
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	if n >= minShared {
		d.shared = append(d.shared, v)
	}
	return v
}

func (d *docDec) f64() float64 {
	if len(d.s) < 8 {
		d.fail(errDocShort)
		return 0
	}
	var u uint64
	for i := 7; i >= 0; i-- {
		u = u<<8 | uint64(d.s[i])
	}
	d.s = d.s[8:]
	return math.Float64frombits(u)
}

func (d *docDec) present() bool {
	if len(d.s) == 0 {
		d.fail(errDocShort)
		return false
	}
	c := d.s[0]
	d.s = d.s[1:]
	if c > 1 {
		d.fail(fmt.Errorf("the stored page is damaged (presence byte %d)", c))
		return false
	}
	return c == 1
}

func (d *docDec) pf() *float64 {
	if !d.present() {
		return nil
	}
	v := d.f64()
	return &v
}

func (d *docDec) pi() *int64 {
	if !d.present() {
		return nil
	}
	v := d.int()
	return &v
}

// n reads a slice length: -1 for a nil slice. A length longer than what is
// left (each element takes at least a byte) is damage, not an allocation.
func (d *docDec) n() int {
	u := d.uvarint()
	if u == 0 {
		return -1
	}
	if u-1 > uint64(len(d.s)) {
		d.fail(errDocShort)
		return -1
	}
	return int(u - 1)
}

func (d *docDec) school(s *School) {
	for _, p := range []*string{&s.URN, &s.LAESTAB, &s.LAOldCode, &s.Name, &s.Type, &s.Phase, &s.TypeGroup, &s.LACode, &s.LAName} {
		*p = d.str()
	}
}

func (d *docDec) figure(f *Figure) {
	for _, p := range []*string{&f.Indicator, &f.Level, &f.Code, &f.Name, &f.LACode, &f.Period, &f.PeriodType} {
		*p = d.str()
	}
	f.Year = int(d.int())
	f.Grp = d.str()
	f.Numerator = d.pf()
	f.Denominator = d.pf()
	f.Value = d.pf()
	f.Unit = d.str()
	f.Status = d.str()
	f.Reason = d.str()
	f.Published = d.pf()
	f.SourceID = d.pi()
	f.Rank = d.pi()
	f.RankOf = d.pi()
	f.Quartile = d.pi()
	f.Percentile = d.pf()
}

func (d *docDec) figures() []Figure {
	n := d.n()
	if n < 0 {
		return nil
	}
	fs := make([]Figure, n)
	for i := range fs {
		d.figure(&fs[i])
	}
	return fs
}

func (d *docDec) profile(p *SchoolProfile) {
	d.school(&p.School)
	d.details(&p.Details)
	p.Figures = d.profileRows()
}

func (d *docDec) trendFigures() []TrendFigure {
	n := d.n()
	if n < 0 {
		return nil
	}
	ts := make([]TrendFigure, n)
	for i := range ts {
		ts[i].Role = d.str()
		d.figure(&ts[i].Figure)
	}
	return ts
}

func (d *docDec) profileRows() []ProfileRow {
	n := d.n()
	if n < 0 {
		return nil
	}
	rs := make([]ProfileRow, n)
	for i := range rs {
		r := &rs[i]
		d.figure(&r.Figure)
		r.Title = d.str()
		r.Polarity = d.str()
		r.Caveat = d.str()
		r.LAValue = d.pf()
		r.LAStatus = d.str()
		r.EnglandValue = d.pf()
		r.EnglandStatus = d.str()
		r.LAGrp = d.str()
		r.EnglandGrp = d.str()
		r.Similar = d.standing()
	}
	return rs
}

func (d *docDec) standing() *Standing {
	n := int(d.int())
	if n == 0 {
		return nil
	}
	return &Standing{Peers: n, Lower: int(d.int()), Higher: int(d.int()), Median: d.f64()}
}

func (d *docDec) similar(s *Similar) {
	if n := d.n(); n >= 0 {
		s.Schools = make([]SimilarSchool, n)
	}
	for i := range s.Schools {
		x := &s.Schools[i]
		x.URN = d.str()
		x.Rank = int(d.int())
		x.Distance = d.f64()
		x.Name = d.str()
		x.Phase = d.str()
		x.TypeGroup = d.str()
		x.Census = d.str()
		x.Roll = d.pf()
		x.FSMPct = d.pf()
	}
	if n := d.n(); n >= 0 {
		s.Summary = make([]SimilarSummary, n)
	}
	for i := range s.Summary {
		x := &s.Summary[i]
		x.Indicator = d.str()
		x.Title = d.str()
		x.Period = d.str()
		x.Unit = d.str()
		x.Value = d.pf()
		x.Status = d.str()
		x.Percentile = d.pf()
		x.Peers = int(d.int())
		x.Lower = int(d.int())
		x.Higher = int(d.int())
		x.Min = d.pf()
		x.Median = d.pf()
		x.Max = d.pf()
	}
	if n := d.n(); n >= 0 {
		s.Points = make([]SimilarPoint, n)
	}
	names := make(map[string]string, len(s.Schools))
	for _, sc := range s.Schools {
		names[sc.URN] = sc.Name
	}
	for i := range s.Points {
		x := &s.Points[i]
		x.URN = d.str()
		x.Rank = int(d.int())
		x.Name = names[x.URN]
		x.Indicator = d.str()
		x.Period = d.str()
		x.Value = d.pf()
		x.Status = d.str()
		x.Unit = d.str()
		x.Percentile = d.pf()
	}
}

// docPacker is a deflater and an encoder, reused from document to document.
type docPacker struct {
	w *flate.Writer
	e docEnc
}

var docPackers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return &docPacker{w: w, e: docEnc{seen: map[string]uint64{}}}
}}

// packDoc encodes a document with fill and deflates it.
func packDoc(fill func(*docEnc)) ([]byte, error) {
	p := docPackers.Get().(*docPacker)
	defer docPackers.Put(p)
	e := &p.e
	e.b = append(e.b[:0], docFormat)
	clear(e.seen)
	fill(e)
	var buf bytes.Buffer
	p.w.Reset(&buf)
	if _, err := p.w.Write(e.b); err != nil {
		return nil, err
	}
	if err := p.w.Close(); err != nil {
		return nil, err
	}
	if cap(e.b) > 1<<20 {
		e.b = nil // a rare large document's buffer is not kept
	}
	return buf.Bytes(), nil
}

// BuildVersion identifies what a database built by this sendash holds: the
// schema, load and derive SQL, the indicator catalogue ingest copies into
// it, and the documents' encoding. Ingest records it; serve refuses a
// database with another.
func BuildVersion(q *queries.Set) string {
	return fmt.Sprintf("%s-c%s-d%d", q.SchemaVersion(), catalogue.Version()[:8], docFormat)
}

// maxDoc bounds a document's decompressed size: the largest at national
// size is tens of kilobytes, so anything near this is damage.
const maxDoc = 16 << 20

// docReader is a reusable inflater and buffer for unpackDoc: a new
// flate reader allocates a 32 KB window, more than most documents.
type docReader struct {
	fr  io.ReadCloser
	src bytes.Reader
	buf bytes.Buffer
}

// docReaders are kept through garbage collections (internal/freelist).
var docReaders = freelist.New(32, func() *docReader { return &docReader{} })

// unpackDoc inflates a packDoc blob and decodes it with read, which must
// consume it exactly.
func unpackDoc(blob []byte, read func(*docDec)) error {
	s, err := inflateDoc(blob)
	if err != nil {
		return err
	}
	return readDoc(s, read)
}

// inflateDoc inflates a packDoc blob and returns its encoded fields (after
// the format byte). The decoded strings are slices of this one copy, so a
// kept document is inflated once (ladoc.go).
func inflateDoc(blob []byte) (string, error) {
	r := docReaders.Get()
	r.src.Reset(blob)
	if r.fr == nil {
		r.fr = flate.NewReader(&r.src)
	} else if err := r.fr.(flate.Resetter).Reset(&r.src, nil); err != nil {
		return "", fmt.Errorf("read its stored page: %w", err)
	}
	r.buf.Reset()
	_, err := r.buf.ReadFrom(io.LimitReader(r.fr, maxDoc+1))
	raw := r.buf.Bytes()
	var s string
	ok := err == nil && len(raw) <= maxDoc && len(raw) > 0 && raw[0] == docFormat
	if ok {
		s = string(raw[1:])
	}
	n := len(raw)
	if r.buf.Cap() <= 1<<20 {
		docReaders.Put(r)
	}
	switch {
	case err != nil:
		return "", fmt.Errorf("read its stored page: %w", err)
	case n > maxDoc:
		return "", fmt.Errorf("read its stored page: over %d bytes", maxDoc)
	case !ok:
		return "", fmt.Errorf("read its stored page: not format %d (rebuild the database with this version's ingest)", docFormat)
	}
	return s, nil
}

// readDoc decodes inflated fields with read, which must consume them exactly.
func readDoc(s string, read func(*docDec)) error {
	d := &docDec{s: s}
	read(d)
	if d.err == nil && d.s != "" {
		d.err = errors.New("the stored page has trailing bytes")
	}
	if d.err != nil {
		return fmt.Errorf("read its stored page: %w", d.err)
	}
	return nil
}
