package web

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sendash/sendash/internal/store"
)

// provisionSentence says in one sentence what SEN provision GIAS records
// at a school: "This school has a resourced provision for autistic
// spectrum disorder: 18 pupils on roll, 20 places." Parts GIAS does not
// publish are left out of the sentence (the facts list beside it says "not
// published"); "" when GIAS records none.
func provisionSentence(d *store.SchoolDetails) string {
	kind := strings.ToLower(d.ResourcedProvision)
	rp := strings.Contains(kind, "resourced") || d.RPOnRoll != nil || d.RPCapacity != nil
	unit := strings.Contains(kind, "unit") || d.SENUnitOnRoll != nil || d.SENUnitCapacity != nil
	var needs []string
	for _, n := range d.SENNeeds {
		needs = append(needs, needWords(n))
	}
	forNeeds := ""
	if len(needs) > 0 {
		forNeeds = " for " + andList(needs)
	}
	rpPlaces, unitPlaces := placesPhrase(d.RPOnRoll, d.RPCapacity), placesPhrase(d.SENUnitOnRoll, d.SENUnitCapacity)
	switch {
	case rp && unit:
		return "This school has a resourced provision" + bracketed(rpPlaces) + " and an SEN unit" + bracketed(unitPlaces) +
			strings.Replace(forNeeds, " for ", ", for ", 1) + "."
	case rp:
		return "This school has a resourced provision" + forNeeds + colonned(rpPlaces) + "."
	case unit:
		return "This school has an SEN unit" + forNeeds + colonned(unitPlaces) + "."
	case len(needs) > 0:
		return "GIAS records the needs this school provides for: " + andList(needs) + "."
	case d.ResourcedProvision != "":
		return "GIAS records this school's SEN provision as: " + d.ResourcedProvision + "."
	}
	return ""
}

// needWords is a GIAS type of need in words for a sentence: its code
// dropped ("ASD - Autistic Spectrum Disorder" -> "autistic spectrum
// disorder") and each word lower-cased unless it is an abbreviation
// ("SEN", "ADHD").
func needWords(n string) string {
	if _, rest, ok := strings.Cut(n, " - "); ok {
		n = rest
	}
	words := strings.Fields(n)
	for i, w := range words {
		if !isAbbreviation(w) {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// isAbbreviation reports whether a word has two or more capitals and no
// lower-case letter: "SEN", "ADHD", "(SEMH)".
func isAbbreviation(w string) bool {
	upper := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// placesPhrase is "18 pupils on roll, 20 places", leaving out either part
// that is not published ("" for neither).
func placesPhrase(onRoll, places *float64) string {
	var parts []string
	if onRoll != nil {
		parts = append(parts, fmt.Sprintf("%s %s on roll", formatCount(onRoll), pupilWord(*onRoll)))
	}
	if places != nil {
		w := "places"
		if *places == 1 {
			w = "place"
		}
		parts = append(parts, formatCount(places)+" "+w)
	}
	return strings.Join(parts, ", ")
}

func pupilWord(n float64) string {
	if n == 1 {
		return "pupil"
	}
	return "pupils"
}

func bracketed(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func colonned(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}
