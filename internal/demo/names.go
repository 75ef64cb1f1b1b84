package demo

import (
	"fmt"
	"math/rand/v2"
)

// Invented place-name parts. Every combination is meant to read as plainly
// fictional, so no demo figure can be mistaken for a real school or LA.
var (
	placeRoots = []string{
		"Drizzle", "Puddle", "Muddle", "Gloam", "Quill", "Zephyr", "Fizzle",
		"Bumble", "Dapple", "Cobble", "Tumble", "Mizzle", "Crumble", "Wobble",
		"Snickle", "Pimble", "Murk", "Scuttle", "Whiffle", "Gribble", "Wuzzle",
		"Noodle", "Blather", "Grumble",
	}
	placeEnds = []string{
		"ford", "combe", "wick", "bury", "mere", "stow", "by", "ham", "holt",
		"ley", "thorpe", "field", "cester", "minster",
	}
	villageQualifiers = []string{
		"", "", "", "Upper ", "Lower ", "Nether ", "Great ", "Little ",
		"Kings ", "Abbots ", "Long ", "East ", "West ",
	}
	regionNames = []string{
		"Northmarch", "Vale and The Fens", "Westerhaven", "Eastwold",
		"Midmoor", "Highcombe Reach", "Lowmere", "Greater Quillington",
		"Southern Drizzles",
	}
	saints = []string{"Aldwyn", "Bertilda", "Cuthwin", "Dunstable", "Elfric", "Hildegyth", "Oswy", "Wulfrun"}
)

// placeNames returns n distinct invented town names in a seeded order.
func placeNames(r *rand.Rand, n int) []string {
	all := make([]string, 0, len(placeRoots)*len(placeEnds))
	for _, root := range placeRoots {
		for _, end := range placeEnds {
			all = append(all, root+end)
		}
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	for i := len(all); i < n; i++ { // beyond 336 LAs, which sizeFor never asks for
		all = append(all, fmt.Sprintf("%s %d", all[i%len(placeRoots)], i))
	}
	return all[:n]
}

// village invents a settlement name for a school.
func village(r *rand.Rand) string {
	q := villageQualifiers[r.IntN(len(villageQualifiers))]
	return q + placeRoots[r.IntN(len(placeRoots))] + placeEnds[r.IntN(len(placeEnds))]
}

// schoolName invents a name that fits the kind of school; a few contain a
// comma, as real names do, so the CSV quoting is exercised.
func schoolName(r *rand.Rand, k kind, town string) string {
	v := village(r)
	switch k {
	case kPrimary:
		return pick(r, v+" Primary School", v+" C of E Primary School",
			"St "+saints[r.IntN(len(saints))]+"'s Catholic Primary School",
			v+" Infant and Junior School", v+" Primary Academy")
	case kSecondary:
		return pick(r, town+" High School", v+" Academy", v+" School",
			"The "+town+" School, "+v, v+" Community College")
	case kSpecial:
		return pick(r, v+" Special School", v+" School", v+" Centre for Learning")
	case kPRU:
		return pick(r, town+" Pupil Referral Unit", v+" Learning Centre", town+" Tuition Service")
	case kIndependent:
		return pick(r, v+" Hall School", v+" College", v+" House School", v+" Grange, Preparatory School")
	case kNursery:
		return v + " Nursery School"
	default:
		return v + " Manor School"
	}
}

func pick(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }
