"""Primary sources behind the rules' thresholds, cited from the factors and results.

Where a figure was read only through a secondary copy of the source, the comment above
its entry says so (status V2 in the project's clinical reference); the others were read
in the source itself (V).
"""

from __future__ import annotations

import attrs

__all__ = [
    "ABBASI_2012",
    "ARAB_2023",
    "BASTIEN_2001",
    "BUDHIRAJA_2011",
    "CHANG_2015",
    "COHEN_1983",
    "CRIBB_2023",
    "DRAKE_2013",
    "EBRAHIM_2013",
    "ETG_HYPOMAGNESAEMIA",
    "FDA_CAFFEINE",
    "FDA_PPI_2011",
    "GARRISON_2020",
    "GOODRX_MAGNESIUM_INTERACTIONS",
    "GPONLINE_RED_FLAGS",
    "ICSD3_TABLE",
    "IOM_1997",
    "KROENKE_2001",
    "LICHSTEIN_2003",
    "MAH_PITRE_2021",
    "MEDICATION_LISTS",
    "NHANES_SMOKING_2014",
    "NIAAA_DRINKING_LEVELS",
    "NICE_ESUOM4",
    "NUNEZ_2021",
    "ODS_FOOD_SOURCES",
    "ODS_INTERACTIONS",
    "ROSANOFF_2022",
    "SMPC_MAGNASPARTATE",
    "SMPC_MAGNESIUM_INTERACTIONS",
    "SPITZER_2006",
    "STATPEARLS_HYPOMAGNESEMIA",
    "UPTODATE_HYPERMAGNESEMIA",
    "WATSON_2015",
    "Reference",
]


@attrs.frozen
class Reference:
    """A citable source."""

    key: str
    citation: str
    url: str | None = None


IOM_1997 = Reference(
    "iom-1997",
    "Institute of Medicine. Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, "
    "Vitamin D, and Fluoride. National Academies Press, 1997, ch. 6 'Magnesium'.",
    "https://www.nap.edu/read/5776/chapter/8",
)
STATPEARLS_HYPOMAGNESEMIA = Reference(
    "statpearls-hypomagnesemia",
    "Hypomagnesemia. StatPearls. StatPearls Publishing (reference range 1.46-2.68 mg/dL).",
    "https://statpearls.com/articlelibrary/viewarticle/23271",
)
ROSANOFF_2022 = Reference(
    "rosanoff-2022",
    "Rosanoff A, et al. (MaGNet) Proposal of a standardized serum magnesium reference "
    "range, lower limit 0.85 mmol/L. Eur J Nutr 2022;61:3697-3706.",
    "https://doi.org/10.1007/s00394-022-02916-w",
)
ABBASI_2012 = Reference(
    "abbasi-2012",
    "Abbasi B, Kimiagar M, Sadeghniiat K, et al. The effect of magnesium supplementation "
    "on primary insomnia in elderly: a double-blind placebo-controlled clinical trial. "
    "J Res Med Sci 2012.",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC3703169",
)
MAH_PITRE_2021 = Reference(
    "mah-pitre-2021",
    "Mah J, Pitre T. Oral magnesium supplementation for insomnia in older adults: a "
    "systematic review & meta-analysis. BMC Complement Med Ther 2021;21:125.",
    "https://doi.org/10.1186/s12906-021-03297-z",
)
ARAB_2023 = Reference(
    "arab-2023",
    "Arab A, Rafie N, Amani R, Shirani F. The role of magnesium in sleep health: a "
    "systematic review. Biol Trace Elem Res 2023;201(1):121-128.",
    "https://doi.org/10.1007/s12011-022-03162-1",
)
GARRISON_2020 = Reference(
    "garrison-2020",
    "Garrison SR, et al. Magnesium for skeletal muscle cramps. "
    "Cochrane Database Syst Rev 2020;CD009402.pub3.",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC7025716",
)
FDA_PPI_2011 = Reference(
    "fda-ppi-2011",
    "US FDA Drug Safety Communication: Low magnesium levels can be associated with "
    "long-term use of proton pump inhibitor drugs (PPIs), 2 March 2011.",
    "http://www.fda.gov/drugs/drugsafety/ucm245011.htm",
)
SMPC_MAGNASPARTATE = Reference(
    "smpc-magnaspartate",
    "Magnaspartate (magnesium aspartate) Summary of Product Characteristics: "
    "contraindicated when GFR < 30 mL/min and in bradycardia or heart block; serum "
    "magnesium monitored every 3-6 months in renal impairment.",
    "https://www.rxreasoner.com/monographs/magnaspartate/precautions",
)
SMPC_MAGNESIUM_INTERACTIONS = Reference(
    "smpc-magnesium-interactions",
    "UK Summary of Product Characteristics of oral magnesium (Magnaspartate; magnesium "
    "4 mmol chewable tablets), section 4.5: 2-3 hours between magnesium and other "
    "medicines (tetracyclines 2-3 hours), 3-4 hours for bisphosphonates.",
    "https://www.medicines.org.uk/emc/product/12118/smpc",
)
# Status V2: the fact sheet's interaction wording was read through copies of it.
ODS_INTERACTIONS = Reference(
    "ods-magnesium-interactions",
    "NIH Office of Dietary Supplements. Magnesium: Fact Sheet for Health Professionals, "
    "'Interactions with Medications' (bisphosphonates at least 2 hours apart; tetracycline "
    "and quinolone antibiotics at least 2 hours before or 4-6 hours after magnesium).",
    "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
)
# Status V2: a pharmacist's article, not the primary pharmacokinetic study.
GOODRX_MAGNESIUM_INTERACTIONS = Reference(
    "goodrx-magnesium-interactions",
    "GoodRx Health. Magnesium interactions (pharmacist review): magnesium lowers gabapentin "
    "exposure by 20-40 %; separate the doses by at least 2 hours.",
    "https://www.goodrx.com/well-being/supplements-herbs/magnesium-interactions",
)
# Status V2: read through a third-party mirror of the guideline.
ETG_HYPOMAGNESAEMIA = Reference(
    "etg-hypomagnesaemia",
    "Therapeutic Guidelines (Australia). Hypomagnesaemia: depletion below 0.8 mmol/L, "
    "severe below 0.4 mmol/L.",
    "https://etg-complete-oxy.netlify.app/other/edg/c_edg-c08-s5",
)
UPTODATE_HYPERMAGNESEMIA = Reference(
    "uptodate-hypermagnesemia",
    "UpToDate. Symptoms of hypermagnesemia: usually mild below 3 mEq/L (1.5 mmol/L); "
    "symptoms begin above 4 mEq/L (2 mmol/L).",
    "http://www.uptodate.com/contents/symptoms-of-hypermagnesemia",
)
NICE_ESUOM4 = Reference(
    "nice-esuom4",
    "NICE. Evidence summary ESUOM4, Hypomagnesaemia: magnesium glycerophosphate, safety: "
    "hypermagnesaemia is unlikely with oral magnesium except in kidney failure; avoid or "
    "reduce the dose in renal impairment.",
    "https://nice.org.uk/advice/esuom4/chapter/Evidence-safety",
)
ODS_FOOD_SOURCES = Reference(
    "ods-magnesium",
    "NIH Office of Dietary Supplements. Magnesium: Fact Sheet for Health Professionals, "
    "table 'Selected Food Sources of Magnesium'.",
    "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
)
DRAKE_2013 = Reference(
    "drake-2013",
    "Drake C, Roehrs T, Shambroom J, Roth T. Caffeine effects on sleep taken 0, 3, or 6 "
    "hours before going to bed. J Clin Sleep Med 2013;9(11):1195-1200.",
    "https://doi.org/10.5664/jcsm.3170",
)
FDA_CAFFEINE = Reference(
    "fda-caffeine",
    "US FDA. Spilling the Beans: How Much Caffeine Is Too Much? (400 mg/day for healthy adults).",
    "https://fda.gov/consumers/consumer-updates/spilling-beans-how-much-caffeine-too-much",
)
CHANG_2015 = Reference(
    "chang-2015",
    "Chang A-M, Aeschbach D, Duffy JF, Czeisler CA. Evening use of light-emitting eReaders "
    "negatively affects sleep, circadian timing, and next-morning alertness. PNAS "
    "2015;112(4):1232-1237.",
    "https://doi.org/10.1073/pnas.1418490112",
)
EBRAHIM_2013 = Reference(
    "ebrahim-2013",
    "Ebrahim IO, Shapiro CM, Williams AJ, Fenwick PB. Alcohol and sleep I: effects on "
    "normal sleep. Alcohol Clin Exp Res 2013.",
    "https://pubmed.ncbi.nlm.nih.gov/23347102",
)
CRIBB_2023 = Reference(
    "cribb-2023",
    "Cribb L, et al. Sleep regularity and all-cause mortality in 88,975 UK Biobank "
    "participants. eLife 2023.",
    "https://elifesciences.org/articles/88359",
)
LICHSTEIN_2003 = Reference(
    "lichstein-2003",
    "Lichstein KL, Durrence HH, Taylor DJ, Bush AJ, Riedel BW. Quantitative criteria for "
    "insomnia. Behav Res Ther 2003;41(4):427-445.",
    "https://doi.org/10.1016/S0005-7967(02)00023-2",
)
WATSON_2015 = Reference(
    "watson-2015",
    "Watson NF, et al. Recommended amount of sleep for a healthy adult: AASM/SRS joint "
    "consensus statement. J Clin Sleep Med 2015;11(6):591-592.",
    "https://pubmed.ncbi.nlm.nih.gov/25979105",
)
NHANES_SMOKING_2014 = Reference(
    "nhanes-smoking-2014",
    "Cigarette smoking and sleep disturbance in NHANES 2005-2006. Psychol Health Med "
    "2014;19(4):410-419.",
    "https://pubmed.ncbi.nlm.nih.gov/24040938",
)
NUNEZ_2021 = Reference(
    "nunez-2021",
    "Nuñez A, et al. Cigarette smoking, night-time smoking and insomnia severity. "
    "Sleep Health 2021;7(2):177-182.",
    None,
)
BUDHIRAJA_2011 = Reference(
    "budhiraja-2011",
    "Budhiraja R, et al. Insomnia comorbid with medical disorders. Sleep 2011;34(7):859-867.",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC3119827",
)
MEDICATION_LISTS = Reference(
    "insomnia-medications",
    "Medications associated with insomnia: stimulants, decongestants, beta- and "
    "alpha-blockers, bronchodilators, corticosteroids, thyroid hormone, lamotrigine "
    "(differential-diagnosis lists; MedEd101 'Medications that cause insomnia').",
    "https://www.meded101.com/3-classic-medications-cause-insomnia/",
)
ICSD3_TABLE = Reference(
    "icsd3",
    "American Academy of Sleep Medicine. International Classification of Sleep Disorders, "
    "3rd ed. (chronic insomnia: >= 3 nights a week for >= 3 months, with at least one "
    "daytime consequence), as tabulated in Sleep Med Clin 2017;13(1):13-19, Table 1.",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC5847293/table/T1",
)
NIAAA_DRINKING_LEVELS = Reference(
    "niaaa-drinking-levels",
    "National Institute on Alcohol Abuse and Alcoholism. Drinking levels defined: heavy "
    "drinking is more than 4 drinks on any day or more than 14 a week for men up to 65, "
    "and more than 3 on any day or more than 7 a week for women and for men over 65; one "
    "US standard drink holds 14 g of alcohol. Tabulated in Addict Sci Clin Pract 2014;9:2, "
    "Table 1, doi:10.1186/1940-0640-9-2.",
    "https://www.niaaa.nih.gov/health-professionals-communities/core-resource-on-alcohol/"
    "basics-defining-how-much-alcohol-too-much",
)
GPONLINE_RED_FLAGS = Reference(
    "gponline-red-flags",
    "GPonline. Red flag symptoms: insomnia.",
    "http://www.gponline.com/red-flag-symptoms-insomnia/article/1344903",
)
BASTIEN_2001 = Reference(
    "bastien-2001",
    "Bastien CH, Vallières A, Morin CM. Validation of the Insomnia Severity Index as an "
    "outcome measure for insomnia research. Sleep Med 2001;2(4):297-307.",
    "https://doi.org/10.1016/S1389-9457(00)00065-4",
)
KROENKE_2001 = Reference(
    "kroenke-2001",
    "Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression severity "
    "measure. J Gen Intern Med 2001;16(9):606-613.",
    "https://doi.org/10.1046/j.1525-1497.2001.016009606.x",
)
SPITZER_2006 = Reference(
    "spitzer-2006",
    "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized "
    "anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.",
    "https://doi.org/10.1001/archinte.166.10.1092",
)
COHEN_1983 = Reference(
    "cohen-1983",
    "Cohen S, Kamarck T, Mermelstein R. A global measure of perceived stress. J Health Soc "
    "Behav 1983;24(4):385-396.",
    "https://doi.org/10.2307/2136404",
)
