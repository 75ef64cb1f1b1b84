package demo

// Header lines copied byte for byte from the real published files (without
// their byte-order mark and line ending). The test compares them with the
// files under SENDASH_REAL_DATA.

const (
	// headerCensus is the header of the performance-tables school census (england_census).
	headerCensus = `URN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL,NUMENGFL,NUMUNCFL,PNUMEAL,PNUMENGFL,PNUMUNCFL,NUMFSM,NUMFSMEVER,PNUMFSMEVER`
	// headerAbsence is the header of the performance-tables absence file (england_abs).
	headerAbsence = `LA,ESTAB,URN,PERCTOT,PPERSABS10`
	// headerKS4 is the header of the performance-tables KS4 file (england_ks4provisional).
	headerKS4 = `RECTYPE,LEA,ESTAB,URN,SCHNAME,ICLOSE,NFTYPE,TPUP,ATT8SCR,P8PUP,TP8ADJ,P8MEA,P8CILOW,P8CIUPP,P8MEA_ORIG,P8CILOW_ORIG,P8CIUPP_ORIG,PTL2BASICS_94,PTL2BASICS_95,EBACCAPS,PTEBACC_E_PTQ_EE,PTEBACC_94,PTEBACC_95,PT5EM_94,P8_BANDING`
	// headerDestinations is the header of the performance-tables KS4 destinations file (england_ks4-pupdest).
	headerDestinations = `RECTYPE,LEA,ESTAB,URN,ICLOSE,SCHNAME,NFTYPE,COHORT,OVERALL_DEST,APPREN,EMPLOYMENT,EDUCATION,FE,SCH_6TH,SIXTH_COL,OTHER_EDU,NOT_SUSTAINED,UNKNOWN,OVERALL_DESTPER,APPRENPER,EMPLOYMENTPER,EDUCATIONPER,FEPER,SCH_6THPER,SIXTH_COLPER,OTHER_EDUPER,NOT_SUSTAINEDPER,UNKNOWNPER,COHORT_DIS,OVERALL_DEST_DIS,APPREN_DIS,EMPLOYMENT_DIS,EDUCATION_DIS,FE_DIS,SCH_6TH_DIS,SIXTH_COL_DIS,OTHER_EDU_DIS,NOT_SUSTAINED_DIS,UNKNOWN_DIS,OVERALL_DESTPER_DIS,APPRENPER_DIS,EMPLOYMENTPER_DIS,EDUCATIONPER_DIS,FEPER_DIS,SCH_6THPER_DIS,SIXTH_COLPER_DIS,OTHER_EDUPER_DIS,NOT_SUSTAINEDPER_DIS,UNKNOWNPER_DIS,COHORT_NONDIS,OVERALL_DEST_NONDIS,APPREN_NONDIS,EMPLOYMENT_NONDIS,EDUCATION_NONDIS,FE_NONDIS,SCH_6TH_NONDIS,SIXTH_COL_NONDIS,OTHER_EDU_NONDIS,NOT_SUSTAINED_NONDIS,UNKNOWN_NONDIS,OVERALL_DESTPER_NONDIS,APPRENPER_NONDIS,EMPLOYMENTPER_NONDIS,EDUCATIONPER_NONDIS,FEPER_NONDIS,SCH_6THPER_NONDIS,SIXTH_COLPER_NONDIS,OTHER_EDUPER_NONDIS,NOT_SUSTAINEDPER_NONDIS,UNKNOWNPER_NONDIS,COHORT_18,OVERALL_DESTPER_18,COHORT_DIS_18,OVERALL_DESTPER_DIS_18,COHORT_NONDIS_18,OVERALL_DESTPER_NONDIS_18,COHORT_17,OVERALL_DESTPER_17,COHORT_DIS_17,OVERALL_DESTPER_DIS_17,COHORT_NONDIS_17,OVERALL_DESTPER_NONDIS_17`
	// headerExclusionsGeo is the header of the EES exclusions file by geographic level.
	headerExclusionsGeo = `time_identifier,time_period,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,estab,laestab,academy_type,academy_open_date,school_type,num_schools,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate`
	// headerExclusionsCharNational is the header of the EES national exclusions file by characteristic.
	headerExclusionsCharNational = `time_identifier,time_period,geographic_level,country_code,country_name,school_type,characteristic_group,characteristic,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate`
	// headerCaseload is the header of the SEN2 EHC plan caseload file (release 2025).
	headerCaseload = `time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehcplans,mainstream_la_maintained,mainstream_la_maintained_resourced_provision,mainstream_la_maintained_senunit,mainstream_academy,mainstream_academy_resourced_provision,mainstream_academy_senunit,mainstream_free_school,mainstream_free_school_resourced_provision,mainstream_free_school_senunit,mainstream_independent,mainstream_total,mainstream_total_pc,special_la_maintained,special_academy_free,special_independent,special_non_maintained,special_total,special_total_pc,ap_pru_academy,ap_pru_free_school,ap_pru_la_maintained,ap_pru_total,AP_PRU_total_pc,general_fe_tertiary_colleges,specialist_post_16_institutions,ukrlp_provider,fe_total,fe_total_pc,elective_home_education,other_arrangements_la,other_arrangements_parents,online_provider,w_settings,other_schools,other_placement_settings,neet,neet_ntci,neet_other,neet_other_csa,ed_elsewhere,ed_elsewhere_pc,nm_early_years,nm_early_years_pc,placement_unknown,placement_unknown_pc,await_prov_2022,perm_ex_2022`
	// headerTimeliness is the header of the SEN2 20-week timeliness file (release 2025).
	headerTimeliness = `time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,plans_issued_den,plans_issued_den_ex,plans_issued_within_20_weeks,plans_issued_20_weeks_ex,pc_plans_issued_within_20_weeks,PC_plans_issued_20_weeks_ex,plans_issued_gt20weeks_ltYear,plans_issued_gt20weeks_ltYear_ex,pc_plans_issued_gt20weeks_ltYear,PC_plans_issued_gt20weeks_ltYear_ex,plans_issued_gt_1_year,plans_issued_gt_1_year_ex,pc_plans_issued_gt_1_year,PC_plans_issued_gt_1_year_ex`
	// headerLAIT is the header of the LAIT long-format extract.
	headerLAIT = `Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region`
	// headerLACodes is the header of the performance-tables LA and region code list.
	headerLACodes = `LEA,LA Name,REGION,REGION NAME`
	// headerExclusionsCharLA is the national characteristic header with the
	// geography columns that current EES LA files carry after country_name.
	headerExclusionsCharLA = `time_identifier,time_period,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,school_type,characteristic_group,characteristic,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate,one_plus_fixed,one_plus_fixed_rate`
	// headerLAChanges is this project's own file of LA mergers and splits.
	headerLAChanges = `old_la_code,old_la_name,successor_la_code,successor_la_name,effective_date,note`
	// headerLAEstabLookup is the header of the DfE laestab-to-URN lookup.
	headerLAEstabLookup = `AcademicYear,LA,LAEstab,SchoolName,URN`
)
