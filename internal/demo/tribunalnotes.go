package demo

import "fmt"

// Footnotes 1-4 and 9 are the wording of the published table; 5-8 describe
// the fictional merger and the table's quirks in the same style.
const (
	tribunalNote1 = "1. Total Appealable Decisions is calculated from data collected by the DfE from the annual SEN2 data return, which is mandatory for local authorities to complete. The Total Appealable Decisions figure is calculated as the sum total of the following:\n" +
		"- Number of initial requests for Education, Health and Care (EHC) assessments refused\n" +
		"- Number of assessments completed and a decision made not to issue an EHC plan\n" +
		"- Number with an EHC plan as at January each year\n" +
		"- Number of EHC plans ceased because the special educational needs of the child or young person are being met without an EHC plan\n" +
		"For more information on SEN2 data collected by the DfE, please access statistics at the following link: https://www.gov.uk/government/collections/statistics-special-educational-needs-sen#statements-of-special-educational-needs-(sen)-and-education,-health-and-care-(ehc)-plans"
	tribunalNote2 = "2. For more information on the decision to publish a new appeal rate, please refer to the joint consultation document published by the MoJ and DfE in December 2017: https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/667445/SEND-appeal-rate-consultation.pdf and the corresponding consultation response published in March 2018: https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/686233/send-consultation-response.pdf"
	tribunalNote3 = "3. Note that these figures are based on calendar years (1st January to 31st December), whereas previous SEND tribunal rate publications were based on academic years (1st September to 31st August)."
	tribunalNote4 = "4. There are minor differences when comparing these figures on SEND tribunal appeals registered to the quarterly figures published in Table S.2 of the Tribunals and Gender Recognition Certificate statistics quarterly. This is due to differences in the timing of data extractions and changes made to the GAPS2 case management system as cases progress."
	tribunalNote9 = "9. Caution should be used when comparing the number of appealable decisions in 2023 to previous years due to transition to a new data collection in 2022, the collection continues to improve over time. Data may be reviewed if necessary. "
)

// tribunalFooter is the rows under the table: sources, notes and legend.
func (g *generator) tribunalFooter() [][]string {
	m := g.w.merger
	last := g.w.cal.calendar(g.w.cal.n - 1)
	return [][]string{
		{""},
		{"Sources:", "Appeals - His Majesty's Courts Service (HMCTS) GAPS2 case management system"},
		{"", "Appealable decisions - Department for Education (DfE) Statements of SEN and EHC plans, England - SEN2 annual collection"},
		{"Notes: "},
		{tribunalNote1}, {tribunalNote2}, {tribunalNote3}, {tribunalNote4},
		{fmt.Sprintf("5. In April %d %s and %s merged into the local authority %s. Data for %d is recorded under the new LA.",
			mergerCalendarYear, m.old[0].name, m.old[1].name, m.succ.name, mergerCalendarYear)},
		{fmt.Sprintf("6. The LA code of %s is not shown in this table. See footnote 5.", m.old[1].name)},
		{"7. A dash ( - ) shows that no appeals were registered in the year. "},
		{fmt.Sprintf("8. In development: the appealable decisions for %d come from the person-level SEN2 collection and are not comparable with earlier years. ", last)},
		{tribunalNote9},
		{".. Not Available"},
		{"~ Suppressed "},
	}
}
