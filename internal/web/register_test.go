package web

import (
	"strings"
	"testing"
)

// TestSchoolPageShowsRegister checks the school page's register facts and
// SEN provision: what the register publishes (fixture school 100001: GIAS
// address, ages, status, resourced provision and SEN unit with places and
// pupils, types of need), "not published" for what it does not (100003).
func TestSchoolPageShowsRegister(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/schools/100001")
	mustContain(t, "/schools/100001", body,
		"1 Alpha Road, Kentish Town, London", "NW5 1AA", "Community school", "3 to 11",
		"open, opened 1990-09-01 (source: GIAS)", "Resourced provision and SEN unit",
		"8 on roll, 10 places", "5 on roll, 6 places",
		"SpLD - Specific Learning Difficulty; ASD - Autistic Spectrum Disorder")
	_, _, body = get(t, h, "/schools/100003")
	mustContain(t, "/schools/100003", body, "<dt>Address</dt><dd>not published</dd>",
		"<dt>Postcode</dt><dd>not published</dd>", "<dt>Age range</dt><dd>not published</dd>",
		"SEN provision (resourced provision or SEN units) is not published in the loaded data")
	if strings.Contains(body, "places") {
		t.Error("a school without provision shows places")
	}
}
