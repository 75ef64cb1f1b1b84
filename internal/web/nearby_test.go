package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/geo"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// TestSchoolPageNearby checks the nearby-schools table of the fixture
// schools: a row per nearby school with its distance in miles and km, its
// link and "add to compare" (carrying the reader's selection), the table's
// CSV; a school without a place says why; a school page offers to add
// itself to the comparison, and its similar schools too.
func TestSchoolPageNearby(t *testing.T) {
	h, _ := testServer(t)
	path := "/schools/100001?compare=100002"
	_, _, body := get(t, h, path)
	mustContain(t, path, body, `id="nearby-heading"`, `<caption id="nearby-caption">Open primary schools nearest Alpha Primary School`,
		"from this school's postcode (NW5 1AA)", `<a href="/schools/100003?compare=100002">Gamma Primary School</a>`,
		"7.7 miles", "12.4 km", `href="/schools/100001?compare=100002%2C100003"`, "table=nearby",
		// add this school, and a similar school already chosen
		`href="/schools/100001?compare=100002%2C100001" class="add-compare">Add<span class="visually-hidden"> Alpha Primary School</span>`,
		"In your comparison")
	code, _, csv := get(t, h, "/schools/100001?format=csv&table=nearby")
	if code != http.StatusOK || !strings.HasPrefix(csv, "rank,urn,name,phase,distance_km,distance_miles,ehcp_pct,ehcp_period") ||
		!strings.Contains(csv, "1,100003,Gamma Primary School,primary,12.4,") {
		t.Errorf("nearby CSV: status %d\n%s", code, csv)
	}
	_, _, body = get(t, h, "/schools/100002")
	mustContain(t, "/schools/100002", body,
		"this school has no place in the loaded data (its postcode (NW1 8AS) is not in the loaded postcode lookup")
	_, _, body = get(t, h, "/schools/100003")
	mustContain(t, "/schools/100003", body, "from this school's GIAS grid reference", "Alpha Primary School")
}

// TestProvisionSentence checks the SEN provision sentence: kinds, needs in
// lower case but abbreviations kept, parts not published left out.
func TestProvisionSentence(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		d    store.SchoolDetails
		want string
	}{
		{store.SchoolDetails{ResourcedProvision: "Resourced provision", RPOnRoll: f(18), RPCapacity: f(20),
			SENNeeds: []string{"ASD - Autistic Spectrum Disorder"}},
			"This school has a resourced provision for autistic spectrum disorder: 18 pupils on roll, 20 places."},
		{store.SchoolDetails{ResourcedProvision: "SEN unit", SENUnitCapacity: f(1),
			SENNeeds: []string{"SLCN - Speech, language and Communication", "HI - Hearing Impairment", "OTH - ADHD support"}},
			"This school has an SEN unit for speech, language and communication, hearing impairment and ADHD support: 1 place."},
		{store.SchoolDetails{ResourcedProvision: "SEN unit"}, "This school has an SEN unit."},
		{store.SchoolDetails{ResourcedProvision: "Resourced provision and SEN unit", RPOnRoll: f(1), SENUnitOnRoll: f(4), SENUnitCapacity: f(6),
			SENNeeds: []string{"VI - Visual Impairment"}},
			"This school has a resourced provision (1 pupil on roll) and an SEN unit (4 pupils on roll, 6 places), for visual impairment."},
		{store.SchoolDetails{SENNeeds: []string{"PD - Physical Disability", "MSI - Multi-Sensory Impairment"}},
			"GIAS records the needs this school provides for: physical disability and multi-sensory impairment."},
		{store.SchoolDetails{}, ""},
	} {
		if got := provisionSentence(&tc.d); got != tc.want {
			t.Errorf("provisionSentence(%+v)\n got %q\nwant %q", tc.d, got, tc.want)
		}
	}
	h, _ := testServer(t)
	_, _, body := get(t, h, "/schools/100001")
	mustContain(t, "/schools/100001", body, "This school has a resourced provision (8 pupils on roll, 10 places) and an SEN unit "+
		"(5 pupils on roll, 6 places), for specific learning difficulty and autistic spectrum disorder.")
}

// TestSourcesNewestYear checks /sources gives each file's newest year.
func TestSourcesNewestYear(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/sources")
	mustContain(t, "/sources", body, `<th scope="col">Newest year</th>`,
		"<td>2022/23, 2023/24</td><td>2023/24</td>", "<td>2022, 2023</td><td>2023</td>")
	_, _, csv := get(t, h, "/sources?format=csv")
	if !strings.Contains(csv, "2022/23, 2023/24\",2023/24,") {
		t.Errorf("sources CSV lacks the newest year:\n%s", csv)
	}
}

// TestFreshnessOnDemo checks the old-figures warning on every demo school
// page against SQL over figure: a page warns when, for some indicator, the
// school's latest figure is two or more years older than the newest
// published for its LA (the LA's own or any of its schools'), and says
// "These school figures are from …" with the two periods when that holds
// for every indicator; otherwise it does not warn.
func TestFreshnessOnDemo(t *testing.T) {
	st := testdb.Open(t, testdb.Demo(t))
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.DB.QueryContext(t.Context(), `
		WITH own AS (
		  SELECT code, indicator, max(year_sort) AS y, arg_max(period, year_sort) AS p FROM page_school_latest GROUP BY ALL),
		newest AS (
		  SELECT la_code, indicator, max(year_sort) AS y, arg_max(period, year_sort) AS p FROM figure
		  WHERE level IN ('la', 'school') AND value IS NOT NULL GROUP BY ALL)
		SELECT o.code, bool_or(n.y - o.y >= 2), bool_and(n.y - o.y >= 2), arg_max(o.p, o.y), arg_max(n.p, n.y), any_value(l.name)
		FROM own o JOIN school s ON s.urn = o.code JOIN newest n ON n.la_code = s.la_old_code AND n.indicator = o.indicator
		JOIN la l ON l.old_code = s.la_old_code
		GROUP BY o.code ORDER BY o.code`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	some, every := 0, 0
	for rows.Next() {
		var urn, own, newest, la string
		var anyOld, allOld bool
		if err := rows.Scan(&urn, &anyOld, &allOld, &own, &newest, &la); err != nil {
			t.Fatal(err)
		}
		path := "/schools/" + urn
		_, _, body := get(t, h, path)
		warned := strings.Contains(body, `id="freshness"`)
		switch {
		case warned != anyOld:
			t.Errorf("%s: warning shown %v, want %v", path, warned, anyOld)
		case allOld:
			every++
			mustContain(t, path, body, "These school figures are from "+own+"; figures for "+la+" run to "+newest+".")
		case anyOld:
			some++
			mustContain(t, path, body, "Some of these school figures are old.")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if every == 0 {
		t.Error("no demo school has only old figures: the test checks nothing")
	}
	t.Logf("%d demo schools with only old figures, %d with some", every, some)
}

// TestHaverstockReal checks the nearby schools and the old-figures warning
// on the real data: Haverstock School (postcode NW3 2BQ, in Camden) lists
// 10 open secondary schools nearest first, with distances from the two
// places, the nearest in Camden; its absence figure is from 2018/19 and
// its exclusion figures from 2016/17, while Camden's run to 2024/25 and
// 2023/24 (checked by hand in the published files: the school absence file
// is 2018/19 only, the school exclusions file ends in 2016/17, LAIT's and
// the EES LA absence rows reach 2024/25, the LA exclusions 2023/24). A
// school whose postcode the loaded lookup lacks says so.
func TestHaverstockReal(t *testing.T) {
	st := realStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var urn string
	var at geo.Point
	err = st.DB.QueryRowContext(ctx, `SELECT s.urn, p.lat, p.long FROM school s JOIN school_place p USING (urn)
		WHERE s.name = 'Haverstock School' AND s.postcode = 'NW3 2BQ'`).Scan(&urn, &at.Lat, &at.Long)
	if err != nil {
		t.Fatal(err)
	}
	_, _, js := get(t, h, "/api/schools/"+urn)
	var api struct {
		Nearby store.SchoolNearby `json:"nearby"`
	}
	if err := json.Unmarshal([]byte(js), &api); err != nil {
		t.Fatal(err)
	}
	near := api.Nearby.Schools
	if len(near) != 10 {
		t.Fatalf("Haverstock (%s) has %d nearby schools, want 10", urn, len(near))
	}
	camden := 0
	for i, n := range near {
		var o geo.Point
		var phase, status, la string
		err := st.DB.QueryRowContext(ctx, `SELECT p.lat, p.long, s.phase, s.status, s.la_old_code
			FROM school s JOIN school_place p USING (urn) WHERE urn = ?`, n.URN).Scan(&o.Lat, &o.Long, &phase, &status, &la)
		if err != nil {
			t.Fatalf("nearby %s: %v", n.URN, err)
		}
		d := geo.DistanceKm(at, o)
		if n.Rank != i+1 || phase != "secondary" || status != "open" || math.Abs(n.DistanceKm-d) > 1e-9 ||
			i > 0 && n.DistanceKm < near[i-1].DistanceKm {
			t.Errorf("nearby %d: %+v (%s, %s, %.3f km from the places)", i+1, n, phase, status, d)
		}
		if la == "202" {
			camden++
		}
		t.Logf("%d. %s %s %.2f km (LA %s), EHC plan %v %s", n.Rank, n.URN, n.Name, n.DistanceKm, la, ptrVal(n.EHCP), n.EHCPPeriod)
	}
	if camden < 5 || near[9].DistanceKm > 5 {
		t.Errorf("Haverstock's nearby schools: %d in Camden, the 10th %.1f km away", camden, near[9].DistanceKm)
	}
	path := "/schools/" + urn
	_, _, body := get(t, h, path)
	mustContain(t, path, body, `id="freshness"`, "Some of these school figures are old.",
		"Overall absence rate and Persistent absence: school figures are from 2018/19; figures for Camden run to 2024/25.",
		"school figures are from 2016/17; figures for Camden run to 2023/24.",
		`<caption id="nearby-caption">Open secondary schools nearest Haverstock School`)
	var unplaced, postcode string
	err = st.DB.QueryRowContext(ctx, `SELECT s.urn, s.postcode FROM page_school_info s
		WHERE s.postcode <> '' AND s.urn NOT IN (SELECT urn FROM school_place) ORDER BY s.urn LIMIT 1`).Scan(&unplaced, &postcode)
	if err != nil {
		t.Fatal(err)
	}
	_, _, body = get(t, h, "/schools/"+unplaced)
	mustContain(t, "/schools/"+unplaced, body, "its postcode ("+postcode+") is not in the loaded postcode lookup")
}

func ptrVal(p *float64) any {
	if p == nil {
		return "not published"
	}
	return *p
}
