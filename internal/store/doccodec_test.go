package store

import (
	"bytes"
	"compress/flate"
	"reflect"
	"strings"
	"testing"
)

// docSample has a nil and a zero in each kind of nullable field, empty
// and nil slices, and non-ASCII text: what the encoding must keep apart.
func docSample() (SchoolProfile, []Figure, Similar) {
	zero, half, neg := 0.0, 0.5, int64(-3)
	big := int64(1 << 40)
	f := Figure{Indicator: "roll.ehcp", Level: "school", Code: "100049", Name: "Haverstock – School", Year: 2018,
		Grp: "all", Numerator: &zero, Value: &half, Status: "ok", SourceID: &big, Rank: &neg}
	prof := SchoolProfile{School: School{URN: "100049", Name: "Ysgol Gymraeg ŵ"},
		Figures: []ProfileRow{{Figure: f, Title: "EHC plan %", LAValue: &zero}, {}}}
	sim := Similar{Schools: []SimilarSchool{{URN: "1", Rank: 0, Distance: 1.0 / 3, Name: "One", Roll: &half}},
		Summary: []SimilarSummary{}, Points: []SimilarPoint{{URN: "1", Name: "One", Value: &zero}, {URN: "2", Percentile: &half}}}
	// f twice: its strings the second time are references to the first's
	return prof, []Figure{f, {}, f}, sim
}

// TestDocStringsShared: a repeated string is stored once, and a reference
// to a string the document does not hold is an error.
func TestDocStringsShared(t *testing.T) {
	long := "Published percentage: LAIT does not give the numerator and denominator."
	fs := make([]Figure, 50)
	for i := range fs {
		fs[i] = Figure{Indicator: "roll.ehcp", Reason: long, Unit: "%"}
	}
	blob, err := packDoc(func(e *docEnc) { e.figures(fs) })
	if err != nil {
		t.Fatal(err)
	}
	raw := inflate(t, blob)
	if n := bytes.Count(raw, []byte(long)); n != 1 {
		t.Errorf("the repeated reason is stored %d times, want once", n)
	}
	var got []Figure
	if err := unpackDoc(blob, func(d *docDec) { got = d.figures() }); err != nil || !reflect.DeepEqual(got, fs) {
		t.Fatalf("round trip: %v, equal %v", err, reflect.DeepEqual(got, fs))
	}
	// the first string (the first figure's indicator) replaced by a
	// reference to string 5, which does not exist yet
	i := bytes.Index(raw, []byte("roll.ehcp")) - 1
	bad := append(append(append([]byte{}, raw[:i]...), 6<<1), raw[i+1+len("roll.ehcp"):]...)
	err = unpackDoc(deflate(bad), func(d *docDec) { d.figures() })
	if err == nil || !strings.Contains(err.Error(), "does not hold") {
		t.Errorf("a reference to a missing string: %v", err)
	}
}

func TestDocCodecRoundTrip(t *testing.T) {
	prof, trend, sim := docSample()
	for _, c := range []struct {
		name string
		fill func(*docEnc)
		read func(*docDec) any
		want any
	}{
		{"profile", func(e *docEnc) { e.profile(&prof) }, func(d *docDec) any { var p SchoolProfile; d.profile(&p); return p }, prof},
		{"trend", func(e *docEnc) { e.figures(trend) }, func(d *docDec) any { return d.figures() }, trend},
		{"nil trend", func(e *docEnc) { e.figures(nil) }, func(d *docDec) any { return d.figures() }, []Figure(nil)},
		{"similar", func(e *docEnc) { e.similar(&sim) }, func(d *docDec) any { var s Similar; d.similar(&s); return s }, sim},
	} {
		blob, err := packDoc(c.fill)
		if err != nil {
			t.Fatal(err)
		}
		var got any
		if err := unpackDoc(blob, func(d *docDec) { got = c.read(d) }); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v\nwant %+v", c.name, got, c.want)
		}
		// cut short anywhere: an error, never a panic or a wrong answer
		raw := inflate(t, blob)
		for i := 0; i < len(raw); i++ {
			if err := unpackDoc(deflate(raw[:i]), func(d *docDec) { c.read(d) }); err == nil {
				t.Fatalf("%s cut to %d of %d bytes: no error", c.name, i, len(raw))
			}
		}
	}
}

// FuzzDocDecode: any bytes as a stored document give an error or a value,
// never a panic or an outsized allocation.
func FuzzDocDecode(f *testing.F) {
	prof, trend, sim := docSample()
	for _, fill := range []func(*docEnc){
		func(e *docEnc) { e.profile(&prof) }, func(e *docEnc) { e.figures(trend) }, func(e *docEnc) { e.similar(&sim) },
	} {
		blob, err := packDoc(fill)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(inflate(f, blob))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		blob := deflate(raw)
		var p SchoolProfile
		var s Similar
		unpackDoc(blob, func(d *docDec) { d.profile(&p) })
		unpackDoc(blob, func(d *docDec) { d.figures() })
		unpackDoc(blob, func(d *docDec) { d.similar(&s) })
		unpackDoc(raw, func(d *docDec) { d.similar(&s) })
	})
}

func deflate(raw []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	w.Write(raw)
	w.Close()
	return buf.Bytes()
}

func inflate(t testing.TB, blob []byte) []byte {
	var buf bytes.Buffer
	r := flate.NewReader(bytes.NewReader(blob))
	if _, err := buf.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
