package web

import (
	"regexp"
	"strconv"

	"github.com/labstack/echo/v5"
)

var (
	urnPattern       = regexp.MustCompile(`^[0-9]{6}$`)
	laCodePattern    = regexp.MustCompile(`^[0-9]{3}$|^E0[689][0-9]{6}$|^E10[0-9]{6}$`)
	indicatorPattern = regexp.MustCompile(`^[a-z0-9]+(\.[a-z0-9_]+)+$`)
	groupPattern     = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)
	yearPattern      = regexp.MustCompile(`^[0-9]{4}$`)
)

// checkURN accepts a six-digit URN.
func checkURN(urn string) error {
	if !urnPattern.MatchString(urn) {
		return badInput("%q is not a school URN: a URN is 6 digits, like 100001. Search by name if you do not know it.", clip(urn))
	}
	return nil
}

// checkLACode accepts an old 3-digit LA code or a 9-character E06/E08/E09/E10 code.
func checkLACode(code string) error {
	if !laCodePattern.MatchString(code) {
		return badInput("%q is not a local authority code: use the 9-character code (like E09000007) or the 3-digit code (like 202).", clip(code))
	}
	return nil
}

// checkIndicator accepts an indicator id's shape; the store checks the catalogue.
func checkIndicator(id string) error {
	if !indicatorPattern.MatchString(id) || len(id) > 60 {
		return badInput("%q is not an indicator id: the methodology page lists them (e.g. tribunal.rate).", clip(id))
	}
	return nil
}

// queryYear reads ?year=YYYY; absent means 0 (the latest year).
func queryYear(c *echo.Context) (int, error) {
	y := c.QueryParam("year")
	if y == "" {
		return 0, nil
	}
	if !yearPattern.MatchString(y) {
		return 0, badInput("%q is not a year: use four digits, the first year of the period (2023 for 2023/24).", clip(y))
	}
	return strconv.Atoi(y)
}

// queryGroup reads ?grp=; absent means "" (the default group).
func queryGroup(c *echo.Context) (string, error) {
	g := c.QueryParam("grp")
	if g != "" && !groupPattern.MatchString(g) {
		return "", badInput("%q is not a pupil group: use one of the groups listed on the page.", clip(g))
	}
	return g, nil
}

// clip shortens user input before echoing it back in a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
