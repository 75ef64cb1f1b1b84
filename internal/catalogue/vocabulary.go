package catalogue

import "strings"

// themes, in page order. Every indicator names one; "other" takes any id a
// database holds that this catalogue does not know.
var themes = []Theme{
	{"roll", "SEND pupils on roll",
		"Pupils with an EHC plan or on SEN support as a share of all pupils, January school census.", true},
	{"ehcp", "EHC plans: timeliness and placement",
		"How quickly new education, health and care plans are issued, and where children with plans go to school.", true},
	{"tribunal", "SEND Tribunal appeals",
		"Appeals to the SEND Tribunal against the local authority's decisions, as a share of the decisions that could be appealed.", true},
	{"excl", "Suspensions and exclusions",
		"Suspension and exclusion rates by SEN group, and how much more often pupils with SEN are excluded than pupils without.", true},
	{"attend", "Absence", "Sessions missed and persistent absence.", true},
	{"outcome", "Outcomes", "Attainment and progress at key stage 4, and sustained destinations afterwards.", true},
	{"moves", "School moves", "Changes in the roll, a proxy: pupil-level moves are not published.", false},
	{"other", "Other indicators", "", false},
}

// groupLabels are the words for the group codes figure.grp holds.
var groupLabels = map[string]string{
	"all": "all pupils", "ehcp": "pupils with an EHC plan", "sen_support": "pupils on SEN support",
	"no_sen": "pupils with no SEN", "any_sen": "pupils with any SEN",
	// school phases (SEND on roll by phase)
	"primary": "primary schools", "secondary": "secondary schools", "special": "special schools",
	"nursery": "nursery schools", "independent": "independent schools", "AP": "alternative provision",
	"nm_special": "non-maintained special schools", "state-funded ap school": "state-funded AP schools",
	// EHC plan timeliness and placement
	"excl_exceptions": "plans excluding exceptions", "incl_exceptions": "all plans, including exceptions",
	"mainstream": "mainstream schools", "special_state": "state special schools",
	"special_independent": "independent or non-maintained special schools",
	"ap_pru":              "alternative provision or PRU", "fe": "further education", "elsewhere": "educated elsewhere",
	"other": "other placements",
	// key stage 4 by SEN group
	"a8_all": "Attainment 8: all pupils", "a8_ehcp": "Attainment 8: pupils with an EHC plan",
	"a8_sen_support": "Attainment 8: pupils on SEN support", "a8_no_sen": "Attainment 8: pupils with no SEN",
	"p8_all": "Progress 8: all pupils", "p8_ehcp": "Progress 8: pupils with an EHC plan",
	"p8_sen_support": "Progress 8: pupils on SEN support", "p8_no_sen": "Progress 8: pupils with no SEN",
	// exclusion ratios: a SEN group's rate over the no-SEN rate
	"ehcp_suspension": "EHC plan vs no SEN: suspensions", "ehcp_permanent": "EHC plan vs no SEN: permanent exclusions",
	"ehcp_oneplus":           "EHC plan vs no SEN: one or more suspensions",
	"sen_support_suspension": "SEN support vs no SEN: suspensions",
	"sen_support_permanent":  "SEN support vs no SEN: permanent exclusions",
	"sen_support_oneplus":    "SEN support vs no SEN: one or more suspensions",
}

const ogl = "Open Government Licence v3.0"

// formats are the published layouts, in ingest's recognition order
// (specific before generic).
var formats = []Format{
	{"perf_census", "Performance tables: school census (SEN, FSM, EAL)", "DfE", ogl},
	{"perf_absence", "Performance tables: pupil absence by school", "DfE", ogl},
	{"perf_ks4", "Performance tables: key stage 4 by school", "DfE", ogl},
	{"perf_ks4_dest", "Performance tables: KS4 destinations by school", "DfE", ogl},
	{"ees_meta", "Explore education statistics: data file metadata", "DfE", ogl},
	{"ees_sen_school", "SEN in England: school-level pupils with SEN by primary need (URN)", "DfE", ogl},
	{"ees_tidy", "Explore education statistics: tidy data file", "DfE", ogl},
	{"lait_long", "LAIT: local authority indicators (long format)", "DfE", ogl},
	{"lait_parquet", "LAIT: local authority indicators (parquet)", "DfE", ogl},
	{"lait_dictionary", "LAIT: data dictionary", "DfE", ogl},
	{"gias_links", "GIAS: establishment links", "DfE", ogl},
	{"gias_estab_types", "GIAS: establishment type codes", "DfE", ogl},
	{"gias_establishments", "GIAS: establishments (names, addresses, status, SEN provision)", "DfE", ogl},
	{"school_info_xlsx", "Performance tables: school information (xlsx)", "DfE", ogl},
	{"school_info_csv", "Performance tables: school information (CSV)", "DfE", ogl},
	{"laestab_urn", "DfE laestab to URN lookup", "DfE", ogl},
	{"la_region_codes", "Performance tables: LA and region codes", "DfE", ogl},
	{"la_changes", "LA boundary changes (sendash reference list)", "sendash, from ONS/DfE notices", ogl},
	{"school_named_sen", "SEN in England: school-level pupils with SEN (no URN)", "DfE", ogl},
	{"school_named_units", "SEN in England: school-level EHC plans and SEN units (no school identifier)", "DfE", ogl},
	{"la_sen_need", "SEN in England: pupils by LA, phase and primary need", "DfE", ogl},
	{"appeal_rate_csv", "SEND Tribunal appeal rate by LA (presentation table, CSV)", "MoJ / HMCTS with DfE", ogl},
	{"appeal_rate_ods", "SEND Tribunal appeal rate by LA (MoJ ODS table)", "Ministry of Justice", ogl},
	{"stat_neighbours", "DfE children's services statistical neighbours", "DfE", ogl},
	{"lait_la_codes", "LAIT: LA code list", "DfE", ogl},
	{"ofsted_area_send", "Ofsted/CQC area SEND inspections and outcomes (2016-2022)", "Ofsted", ogl},
	{"ofsted_mi_2023", "Ofsted: area SEND inspections (2023 framework) management information", "Ofsted", ogl},
	{"nspl", "ONS National Statistics Postcode Lookup (or ONS Postcode Directory)", "Office for National Statistics", ogl},
	{"postcode_latlong", "ONS postcode lookup, three-column extract (postcode, latitude, longitude)", "Office for National Statistics", ogl},
}

// Publishers' release pages, by the dataset or format a loaded file is
// recorded under (source_file.dataset, .format), so /sources can send a
// reader to where the file is published. Datasets are matched first, then
// by prefix (sen2_*), then the format.
const (
	eesFind     = "https://explore-education-statistics.service.gov.uk/find-statistics/"
	perfTables  = "https://www.find-school-performance-data.service.gov.uk/download-data"
	giasDown    = "https://get-information-schools.service.gov.uk/Downloads"
	laitRepo    = "https://github.com/dfe-analytical-services/local-authority-interactive-tool"
	onsGeo      = "https://geoportal.statistics.gov.uk/"
	tribunalMoJ = "https://www.gov.uk/government/collections/tribunals-statistics"
)

var releasePages = map[string]string{
	"sen2_":                  eesFind + "education-health-and-care-plans",
	"exclusions":             eesFind + "suspensions-and-permanent-exclusions-in-england",
	"ks4_destinations":       eesFind + "key-stage-4-destination-measures",
	"ks4_la_characteristics": eesFind + "key-stage-4-performance",
	"ap_":                    eesFind + "school-pupils-and-their-characteristics",
	"ees_sen_school":         eesFind + "special-educational-needs-in-england",
	"school_named_sen":       eesFind + "special-educational-needs-in-england",
	"school_named_units":     eesFind + "special-educational-needs-in-england",
	"la_sen_need":            eesFind + "special-educational-needs-in-england",
	"perf_":                  perfTables,
	"school_info_":           perfTables,
	"la_region_codes":        perfTables,
	"gias_":                  giasDown,
	"laestab_urn":            giasDown,
	"lait_":                  laitRepo,
	"stat_neighbours":        laitRepo,
	"appeal_rate_":           tribunalMoJ,
	"ofsted_":                "https://www.gov.uk/government/statistical-data-sets/local-area-send-inspections-and-outcomes",
	"nspl":                   onsGeo,
	"postcode_latlong":       onsGeo,
}

// ReleasePage is the publisher's page for a loaded file's dataset (or,
// failing that, its format); "" when none is known (e.g. sendash's own
// reference lists).
func ReleasePage(dataset, format string) string {
	for _, k := range []string{dataset, format} {
		if u, ok := releasePages[k]; ok {
			return u
		}
	}
	best := ""
	for p := range releasePages {
		if strings.HasSuffix(p, "_") && len(p) > len(best) &&
			(strings.HasPrefix(dataset, p) || strings.HasPrefix(format, p)) {
			best = p
		}
	}
	return releasePages[best]
}
