package demo

// Placement buckets of EHC plans, as the SEN2 caseload columns group them.
const (
	pMaintained = iota // mainstream, LA maintained
	pAcademy
	pFree
	pIndependent
	pSpecialLA
	pSpecialAcademy
	pSpecialIndependent
	pSpecialNM
	pAP
	nPlace
)

// Exclusion school-type groups: the EES "Total" and its three parts.
const (
	tTotal = iota
	tPrimary
	tSecondary
	tSpecial
	nExclTypes
)

// exclTypeLabel is the EES school_type of each group.
var exclTypeLabel = [...]string{"Total", "State-funded primary", "State-funded secondary", "Special"}

// exclSum adds up exclusions for one group of pupils.
type exclSum struct {
	hc, perm, susp, onePlus int
}

func (e *exclSum) add(o exclSum) {
	e.hc += o.hc
	e.perm += o.perm
	e.susp += o.susp
	e.onePlus += o.onePlus
}

// laYear is what the LA-level files need from one LA's schools in one year.
type laYear struct {
	nor, ehc, sup int                    // census, all schools in the LA
	schools       [nExclTypes]int        // schools in the exclusion files
	excl          [nExclTypes][3]exclSum // by school type and SEN group
	place         [nPlace]int            // EHC plans by placement
}

// add folds another LA-year in (for regional and national totals).
func (a *laYear) add(o *laYear) {
	a.nor += o.nor
	a.ehc += o.ehc
	a.sup += o.sup
	for t := range a.excl {
		a.schools[t] += o.schools[t]
		for g := range a.excl[t] {
			a.excl[t][g].add(o.excl[t][g])
		}
	}
	for p := range a.place {
		a.place[p] += o.place[p]
	}
}

// total is the all-groups exclusion sum for school-type group t.
func (a *laYear) total(t int) exclSum {
	var e exclSum
	for g := range a.excl[t] {
		e.add(a.excl[t][g])
	}
	return e
}

// exclType is the exclusion school-type group of a kind, or -1 when the
// exclusion files leave it out (PRUs, nurseries, independent schools).
func exclType(k kind) int {
	switch k {
	case kPrimary:
		return tPrimary
	case kSecondary:
		return tSecondary
	case kSpecial, kNMSS:
		return tSpecial
	}
	return -1
}

// placeOf is the SEN2 placement bucket of a school's EHC plans.
func placeOf(s *school) int {
	switch s.kind {
	case kIndependent:
		if s.nftype == "INDSPEC" {
			return pSpecialIndependent
		}
		return pIndependent
	case kSpecial:
		if s.nftype == "CYS" || s.nftype == "FDS" {
			return pSpecialLA
		}
		return pSpecialAcademy
	case kNMSS:
		return pSpecialNM
	case kPRU:
		return pAP
	}
	switch urnBlock(s.nftype) {
	case 1:
		return pAcademy
	case 2:
		return pFree
	}
	return pMaintained
}

// addSchool folds one school-year into its LA's totals.
func (a *laYear) addSchool(y *schoolYear) {
	if !y.s.naRoll {
		a.nor += y.nor
		a.ehc += y.ehc
		a.sup += y.sup
	}
	a.place[placeOf(y.s)] += y.ehc
	t := exclType(y.s.kind)
	if t < 0 {
		return
	}
	for _, tt := range []int{tTotal, t} {
		a.schools[tt]++
		for g := range a.excl[tt] {
			a.excl[tt][g].add(exclSum{hc: y.exclHC(g), perm: y.perm[g], susp: y.susp[g], onePlus: y.onePlus[g]})
		}
	}
}

// sumOver adds the LA-years of the given LAs in year i.
func (g *generator) sumOver(las []*la, i int) laYear {
	var t laYear
	for _, l := range las {
		t.add(&g.agg[l.idx][i])
	}
	return t
}
