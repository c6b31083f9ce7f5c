# ruff: noqa: E501  (data: sentences and citations read better unbroken)
"""Plausible legal text for demo resources: sentences assembled from templates, seeded.

Not lorem ipsum: search needs real words (particular social group, nexus, persecution),
citations (Matter of A-R-C-G-, 26 I&N Dec. 388 (BIA 2014)), case numbers and words with
accents (the Policía Nacional del Perú) to find. Country names are the English ones: the
resources are English text.
"""

from __future__ import annotations

import random

# (short name, citation, holding) — real-looking precedents cited across the demo corpus.
DECISIONS = [
    (
        "Matter of A-R-C-G-",
        "Matter of A-R-C-G-, 26 I&N Dec. 388 (BIA 2014)",
        "married women in Guatemala who are unable to leave their relationship can form a cognizable particular social group",
    ),
    (
        "Matter of A-B-",
        "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018)",
        "claims based on private criminal violence generally will not qualify, a decision later vacated",
    ),
    (
        "Matter of A-B- III",
        "Matter of A-B-, 28 I&N Dec. 307 (A.G. 2021)",
        "the earlier A-B- decisions are vacated and adjudicators return to pre-2018 precedent",
    ),
    (
        "Matter of M-E-V-G-",
        "Matter of M-E-V-G-, 26 I&N Dec. 227 (BIA 2014)",
        "a particular social group must be immutable, defined with particularity and socially distinct",
    ),
    (
        "Matter of W-G-R-",
        "Matter of W-G-R-, 26 I&N Dec. 208 (BIA 2014)",
        "former gang members may be assessed under the particularity and social distinction requirements",
    ),
    (
        "Matter of Acosta",
        "Matter of Acosta, 19 I&N Dec. 211 (BIA 1985)",
        "a particular social group shares a common, immutable characteristic",
    ),
    (
        "Matter of Kasinga",
        "Matter of Kasinga, 21 I&N Dec. 357 (BIA 1996)",
        "female genital mutilation can constitute persecution",
    ),
    (
        "Matter of L-E-A-",
        "Matter of L-E-A-, 27 I&N Dec. 40 (BIA 2017)",
        "the immediate family can be a particular social group, with nexus analysed separately",
    ),
    (
        "Matter of J-B-N- & S-M-",
        "Matter of J-B-N- & S-M-, 24 I&N Dec. 208 (BIA 2007)",
        "a protected ground must be at least one central reason for the harm",
    ),
    (
        "Matter of Toboso-Alfonso",
        "Matter of Toboso-Alfonso, 20 I&N Dec. 819 (BIA 1990)",
        "sexual orientation may define a particular social group",
    ),
    (
        "Matter of O-Z- & I-Z-",
        "Matter of O-Z- & I-Z-, 22 I&N Dec. 23 (BIA 1998)",
        "harm must be considered cumulatively when deciding whether it rises to persecution",
    ),
    (
        "Matter of J-Y-C-",
        "Matter of J-Y-C-, 24 I&N Dec. 260 (BIA 2007)",
        "credibility findings must rest on the totality of the circumstances",
    ),
    (
        "Matter of Mogharrabi",
        "Matter of Mogharrabi, 19 I&N Dec. 439 (BIA 1987)",
        "a well-founded fear exists where a reasonable person would fear persecution",
    ),
    (
        "Bringas-Rodriguez v. Sessions",
        "Bringas-Rodriguez v. Sessions, 850 F.3d 1051 (9th Cir. 2017) (en banc)",
        "an applicant need not have reported abuse when reporting would have been futile or dangerous",
    ),
    (
        "De Pena-Paniagua v. Barr",
        "De Pena-Paniagua v. Barr, 957 F.3d 88 (1st Cir. 2020)",
        "a group is not impermissibly circular merely because its members suffer harm",
    ),
    (
        "Grace v. Barr",
        "Grace v. Barr, 965 F.3d 883 (D.C. Cir. 2020)",
        "credible fear screening may not apply a categorical bar to domestic violence claims",
    ),
]

COUNTRY_FACTS = {
    "GT": (
        "Guatemala",
        "the Policía Nacional Civil",
        "femicide rates remain among the highest in the region",
    ),
    "HN": (
        "Honduras",
        "the Policía Nacional",
        "MS-13 and Barrio 18 control entire neighbourhoods of San Pedro Sula",
    ),
    "SV": (
        "El Salvador",
        "the Policía Nacional Civil",
        "the state of exception has led to mass arbitrary detention",
    ),
    "MX": (
        "Mexico",
        "state and municipal police",
        "cartels operate with the acquiescence of local officials",
    ),
    "PE": (
        "Peru",
        "the Policía Nacional del Perú",
        "protection orders for survivors are rarely enforced",
    ),
    "CO": (
        "Colombia",
        "the Policía Nacional",
        "dissident armed groups recruit children in rural departments",
    ),
    "VE": (
        "Venezuela",
        "the FAES and colectivos",
        "political opponents face arbitrary detention and torture",
    ),
    "NI": (
        "Nicaragua",
        "the Policía Nacional and parapolice groups",
        "perceived opponents are stripped of nationality",
    ),
    "CU": (
        "Cuba",
        "State Security",
        "participants in the July 2021 protests received long sentences",
    ),
    "HT": ("Haiti", "the Police Nationale d'Haïti", "armed gangs control most of Port-au-Prince"),
    "EC": (
        "Ecuador",
        "the Policía Nacional",
        "prison massacres reflect the reach of transnational gangs",
    ),
    "BR": (
        "Brazil",
        "state military police",
        "transgender women face the highest murder rate recorded",
    ),
    "AF": (
        "Afghanistan",
        "the Taliban's de facto authorities",
        "women are barred from secondary school and most work",
    ),
    "IR": (
        "Iran",
        "the Basij and IRGC",
        "women protesting compulsory hijab laws have been executed",
    ),
    "CN": ("China", "the Public Security Bureau", "Uyghurs are held in mass internment"),
    "RU": ("Russia", "the FSB", "LGBT people are prosecuted as members of an 'extremist movement'"),
    "CM": (
        "Cameroon",
        "the gendarmerie and BIR",
        "anglophone civilians are caught between separatists and the army",
    ),
    "ER": (
        "Eritrea",
        "the military",
        "national service is indefinite and amounts to forced labour",
    ),
    "ET": (
        "Ethiopia",
        "federal forces and Fano militias",
        "ethnic Tigrayans and Amhara face targeted violence",
    ),
    "CD": (
        "the Democratic Republic of the Congo",
        "the FARDC",
        "sexual violence is used as a weapon of war",
    ),
    "GN": ("Guinea", "the gendarmerie", "FGM/C prevalence exceeds ninety percent"),
    "ML": ("Mali", "the armed forces and Wagner personnel", "civilians in Mopti face massacres"),
    "SO": ("Somalia", "al-Shabaab", "forced marriage of girls to fighters is widespread"),
    "UG": (
        "Uganda",
        "the police",
        "the 2023 Anti-Homosexuality Act criminalizes same-sex relations",
    ),
    "NG": ("Nigeria", "the police and Amotekun", "Boko Haram abducts girls from schools"),
    "BD": (
        "Bangladesh",
        "the Rapid Action Battalion",
        "opposition activists are forcibly disappeared",
    ),
    "MM": ("Myanmar", "the Tatmadaw", "the Rohingya remain stateless and confined"),
    "IN": ("India", "state police", "religious minorities face mob violence with impunity"),
    "PK": ("Pakistan", "the police", "blasphemy accusations lead to mob killings"),
    "RO": ("Romania", "the police", "Roma families face forced evictions"),
    "UA": (
        "Ukraine",
        "occupying forces",
        "civilians in occupied areas face filtration and deportation",
    ),
    "TR": (
        "Türkiye",
        "the gendarmerie",
        "Kurdish journalists are prosecuted under anti-terror laws",
    ),
}

PSGS = [
    "women in {country} who are unable to leave a domestic relationship",
    "{country} women viewed as property by virtue of their position in a domestic relationship",
    "immediate family members of {name}",
    "young men in {country} who refused gang recruitment",
    "witnesses who testified against gang members in {country}",
    "transgender women in {country}",
    "gay men in {country}",
    "girls in {country} who oppose female genital cutting",
    "former police informants in {country}",
    "indigenous K'iche' women in {country}",
]

OPENERS = [
    "This {kind} addresses {issue} in claims arising from {country}.",
    "Practitioners representing clients from {country} frequently confront {issue}.",
    "Since {short} was decided, adjudicators have taken divergent approaches to {issue}.",
    "The following analysis is intended for advocates preparing {stage_words} cases.",
]
SENTENCES = [
    "The respondent fears persecution on account of membership in the particular social group of {psg}.",
    "Under {cite}, the Board held that {holding}.",
    "Counsel should argue that the harm rises to the level of persecution when considered cumulatively, as required by {cite}.",
    "Country conditions evidence shows that {fact}, and {police} are unable or unwilling to protect survivors.",
    "In {country}, {fact}; the record in case no. {docket} documents this pattern in detail.",
    "The nexus requirement is met where the protected ground is at least one central reason for the harm, see {cite}.",
    "Internal relocation is not reasonable because {police} operate nationwide and the persecutor has located the applicant before.",
    "The Immigration Judge erred by failing to consider the declaration of the country conditions expert, whose testimony was unrebutted.",
    "An applicant's credibility is assessed on the totality of the circumstances, and minor inconsistencies do not defeat an otherwise consistent account.",
    "Withholding of removal requires a clear probability of persecution, a higher standard than the well-founded fear required for asylum.",
    "Protection under the Convention Against Torture (CAT) does not require a nexus to a protected ground, only acquiescence of a public official.",
    "The one-year filing deadline may be excused for changed or extraordinary circumstances, including serious trauma.",
    "Corroborating evidence should include medical records, police reports where available, and declarations from family members.",
    "Adjudicators must consider whether {police} acquiesced in the harm, including through willful blindness.",
    "The proposed group of {psg} is immutable, particular, and socially distinct in {country} society.",
    "Advocates have successfully relied on {short} in cases before the Board of Immigration Appeals (BIA) and the circuit courts.",
    "Children's claims require a child-sensitive approach to credibility and to the evaluation of persecution.",
    "Detained respondents face compressed timelines, so evidence gathering must begin at the first master calendar hearing.",
    "The Department of Homeland Security bears the burden of showing a fundamental change in circumstances once past persecution is established.",
    "See also {cite}, and the discussion of {issue} in the CGRS practice advisory.",
]
ISSUES = [
    "particular social group formulation",
    "nexus",
    "the unable or unwilling to protect standard",
    "credibility",
    "internal relocation",
    "the one-year filing deadline",
    "corroboration",
    "gang-based claims",
    "domestic violence claims",
    "CAT acquiescence",
    "motions to reopen",
    "firm resettlement",
    "the persecutor bar",
    "children's asylum claims",
]
STAGE_WORDS = ["affirmative", "defensive", "appellate", "detained", "BIA", "circuit court"]


def docket(rng: random.Random) -> str:
    return f"{rng.choice(['A', 'B'])}{rng.randint(200, 299)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"


def _fill(template: str, rng: random.Random, code: str) -> str:
    name, police, fact = COUNTRY_FACTS[code]
    short, cite, holding = rng.choice(DECISIONS)
    return template.format(
        country=name,
        police=police,
        fact=fact,
        short=short,
        cite=cite,
        holding=holding,
        psg=rng.choice(PSGS).format(
            country=name, name=rng.choice(["the applicant's father", "a police officer"])
        ),
        issue=rng.choice(ISSUES),
        kind=rng.choice(["advisory", "memorandum", "brief", "compendium"]),
        stage_words=rng.choice(STAGE_WORDS),
        docket=docket(rng),
    )


def paragraph(rng: random.Random, code: str, sentences: int = 5) -> str:
    parts = [_fill(rng.choice(OPENERS), rng, code)]
    parts += [_fill(rng.choice(SENTENCES), rng, code) for _ in range(sentences - 1)]
    return " ".join(parts)


def pages(rng: random.Random, code: str, count: int) -> list[list[str]]:
    """`count` pages of 3–4 paragraphs each."""
    return [
        [paragraph(rng, code, rng.randint(4, 7)) for _ in range(rng.randint(3, 4))]
        for _ in range(count)
    ]


def compendium_pages(rng: random.Random, code: str) -> list[list[str]]:
    """A case compendium: one entry per decision, with its citation and holding."""
    entries = []
    for short, cite, holding in rng.sample(DECISIONS, 8):
        entries.append(
            f"{cite}. Holding: {holding}. Unpublished decisions applying {short} include "
            f"case no. {docket(rng)} (IJ {rng.choice(['San Francisco', 'Houston', 'Chicago', 'Newark'])}). "
            + _fill(rng.choice(SENTENCES), rng, code)
        )
    return [entries[i : i + 3] for i in range(0, len(entries), 3)]


# Practice advisories on one precedent or one provision, cited in their titles as a lawyer
# writes them: what a search for "Matter of A-R-C-G-", "26 I&N Dec. 388", "8 U.S.C. § 1158"
# or "INA 208(b)(1)(B)(iii)" should find first. (title, country code of the body text,
# persecution slugs, topic slugs, protection slugs, summary, first-page paragraphs.) A
# summary names no country but its own (see tests/ta_library/test_demo.py).
AUTHORITY_GUIDES = [
    (
        "Matter of A-R-C-G-, 26 I&N Dec. 388 (BIA 2014): domestic violence and the particular social group",
        "GT",
        ["domestic-violence", "gender-based-violence"],
        ["particular-social-group", "unable-unwilling-to-protect"],
        ["asylum", "withholding"],
        "What the Board held in Matter of A-R-C-G-: married women in Guatemala who are unable to "
        "leave their relationship can form a cognizable particular social group. How the decision "
        "fared after the Attorney General's A-B- decisions, and how to build a domestic violence "
        "claim on it today.",
        [
            "In Matter of A-R-C-G-, 26 I&N Dec. 388 (BIA 2014), the Board of Immigration Appeals held "
            "for the first time in a precedent decision that married women in Guatemala who are "
            "unable to leave their relationship can constitute a particular social group. The "
            "respondent's husband beat and raped her; the police refused to interfere in a marital "
            "relationship.",
            "The Board applied Matter of M-E-V-G-, 26 I&N Dec. 227 (BIA 2014): the group is immutable "
            "(marital status can be immutable where the woman cannot leave), defined with "
            "particularity, and socially distinct in Guatemalan society, where a culture of machismo "
            "and family violence and the failure to enforce domestic violence laws were documented "
            "in the record.",
            "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018) overruled A-R-C-G-; Matter of A-B-, 28 I&N "
            "Dec. 307 (A.G. 2021) vacated that decision and restored A-R-C-G- as binding precedent. "
            "Domestic violence claims are again analysed under A-R-C-G- and the circuit case law.",
        ],
    ),
    (
        "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018), and its vacatur: where domestic violence and gang claims stand",
        "SV",
        ["domestic-violence", "gang-violence"],
        ["particular-social-group", "unable-unwilling-to-protect"],
        ["asylum", "withholding"],
        "The Attorney General's decision in Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018), its "
        "vacatur in Matter of A-B-, 28 I&N Dec. 307 (A.G. 2021), and what remains of its reasoning "
        "on private-actor persecution, the unable or unwilling to protect standard and nexus.",
        [
            "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018) overruled Matter of A-R-C-G- and stated that "
            "claims based on domestic violence or gang violence perpetrated by private actors will "
            "generally not qualify for asylum. It also announced a 'condoned or completely helpless' "
            "reading of the unable or unwilling to protect standard.",
            "Grace v. Barr, 965 F.3d 883 (D.C. Cir. 2020) held that credible fear screening may not "
            "apply a categorical bar to domestic violence and gang claims. In Matter of A-B-, 28 I&N "
            "Dec. 307 (A.G. 2021) (A-B- III), the Attorney General vacated A-B- I and A-B- II in "
            "their entirety.",
            "Advocates should no longer cite A-B- I for any proposition; where an adjudicator relies "
            "on its reasoning, cite the vacatur and the circuit decisions that rejected it.",
        ],
    ),
    (
        "Matter of M-E-V-G- and Matter of W-G-R-: particularity and social distinction",
        "HN",
        ["gang-violence"],
        ["particular-social-group", "gang-based-claims"],
        ["asylum", "withholding"],
        "Matter of M-E-V-G-, 26 I&N Dec. 227 (BIA 2014) and Matter of W-G-R-, 26 I&N Dec. 208 "
        "(BIA 2014): the immutability, particularity and social distinction requirements for a "
        "particular social group, and how to formulate a group that meets them.",
        [
            "In Matter of M-E-V-G-, 26 I&N Dec. 227 (BIA 2014), the Board renamed 'social visibility' "
            "as social distinction and held that a particular social group must be composed of "
            "members who share a common immutable characteristic, be defined with particularity, "
            "and be socially distinct within the society in question.",
            "Matter of W-G-R-, 26 I&N Dec. 208 (BIA 2014) applied the same test to former members of "
            "a gang in El Salvador and found the proposed group lacked particularity and social "
            "distinction. Both decisions rejected groups of youths who resisted gang recruitment.",
            "Formulate the group from the record: evidence of how the society perceives the group "
            "(laws, police practice, country conditions reports) carries social distinction.",
        ],
    ),
    (
        "Matter of L-E-A-: the family as a particular social group after 28 I&N Dec. 304",
        "MX",
        ["family-membership"],
        ["particular-social-group", "nexus"],
        ["asylum", "withholding"],
        "Matter of L-E-A-, 27 I&N Dec. 40 (BIA 2017) recognised the immediate family as a particular "
        "social group; the Attorney General's 2019 decision narrowing it was vacated in Matter of "
        "L-E-A-, 28 I&N Dec. 304 (A.G. 2021). Nexus remains the contested element.",
        [
            "In Matter of L-E-A-, 27 I&N Dec. 40 (BIA 2017), the Board accepted that the respondent's "
            "father's immediate family was a particular social group, but found that a cartel "
            "targeted him to sell drugs in its store, not because of his family membership.",
            "The Attorney General's decision in Matter of L-E-A-, 27 I&N Dec. 581 (A.G. 2019) held "
            "that most nuclear families are not socially distinct; it was vacated by Matter of "
            "L-E-A-, 28 I&N Dec. 304 (A.G. 2021). Family-based claims are analysed under L-E-A- I.",
            "Build nexus with evidence that the persecutor sought out family members because of the "
            "relationship: threats naming the family, harm to other relatives, statements of intent.",
        ],
    ),
    (
        "Matter of Kasinga, 21 I&N Dec. 357 (BIA 1996): FGM/C as persecution",
        "GN",
        ["fgm-c", "gender-based-violence"],
        ["particular-social-group"],
        ["asylum", "withholding", "cat"],
        "Matter of Kasinga, 21 I&N Dec. 357 (BIA 1996): female genital mutilation is persecution, "
        "and young women who have not been cut and oppose the practice can form a particular "
        "social group. Applying it to claims of girls and women at risk of FGM/C today.",
        [
            "In Matter of Kasinga, 21 I&N Dec. 357 (BIA 1996), the Board held that female genital "
            "mutilation, as practised by the applicant's tribe, is persecution, and that young women "
            "of the tribe who have not been subjected to it and who oppose the practice form a "
            "particular social group.",
            "Later decisions address women who have already been cut: continuing harm, the risk to "
            "daughters, and re-infibulation. Country conditions evidence of prevalence and of the "
            "state's failure to enforce prohibitions carries the claim.",
        ],
    ),
    (
        "Matter of Acosta, 19 I&N Dec. 211 (BIA 1985): immutability and the particular social group",
        "SV",
        [],
        ["particular-social-group"],
        ["asylum", "withholding"],
        "Matter of Acosta, 19 I&N Dec. 211 (BIA 1985) defined a particular social group as persons "
        "who share a common, immutable characteristic they cannot change or should not be required "
        "to change. The foundation of every group formulation, and how later decisions built on it.",
        [
            "Matter of Acosta, 19 I&N Dec. 211 (BIA 1985) read 'particular social group' with the "
            "other protected grounds (race, religion, nationality, political opinion) under the "
            "doctrine of ejusdem generis: a group of persons who share a common, immutable "
            "characteristic, such as sex, color, kinship ties or shared past experience.",
            "The Board later added particularity and social distinction (Matter of M-E-V-G-, 26 I&N "
            "Dec. 227 (BIA 2014)); Acosta's immutability test remains the first element.",
        ],
    ),
    (
        "8 U.S.C. § 1158 (INA § 208): the asylum statute, annotated",
        "GT",
        [],
        ["bars-to-asylum", "one-year-bar"],
        ["asylum"],
        "The text of 8 U.S.C. § 1158 (INA § 208), subsection by subsection, with the regulations "
        "and leading decisions on each: who may apply, the one-year deadline and its exceptions, "
        "the bars, the burden of proof and credibility.",
        [
            "Section 208 of the Immigration and Nationality Act, codified at 8 U.S.C. § 1158, "
            "governs asylum. Section 208(a)(1) allows any noncitizen physically present in the "
            "United States or arriving to apply; section 208(a)(2)(B) requires filing within one "
            "year of arrival, subject to the exceptions in section 208(a)(2)(D).",
            "Section 208(b)(1)(B)(i) places the burden on the applicant to show that a protected "
            "ground was or will be at least one central reason for the persecution; section "
            "208(b)(1)(B)(ii) addresses corroboration; section 208(b)(1)(B)(iii) sets the "
            "credibility standard. Section 208(b)(2) lists the mandatory bars.",
        ],
    ),
    (
        "Credibility under INA § 208(b)(1)(B)(iii): the REAL ID Act standard",
        "HN",
        [],
        ["credibility", "corroboration"],
        ["asylum", "withholding"],
        "How adjudicators assess credibility under INA § 208(b)(1)(B)(iii), 8 U.S.C. "
        "§ 1158(b)(1)(B)(iii), added by the REAL ID Act of 2005: the totality of the circumstances, "
        "demeanor, consistency and plausibility, and how to answer an adverse credibility finding.",
        [
            "INA § 208(b)(1)(B)(iii), 8 U.S.C. § 1158(b)(1)(B)(iii), allows a trier of fact to base "
            "a credibility determination on the totality of the circumstances and all relevant "
            "factors, including demeanor, candor, responsiveness, inherent plausibility, and the "
            "consistency of statements, without regard to whether an inconsistency goes to the "
            "heart of the claim.",
            "Matter of J-Y-C-, 24 I&N Dec. 260 (BIA 2007) applied the standard. Trivial "
            "inconsistencies should not support an adverse finding where the account is otherwise "
            "consistent; trauma and interpretation problems explain many discrepancies.",
        ],
    ),
    (
        "One central reason: nexus under INA § 208(b)(1)(B)(i) and mixed motives",
        "CO",
        [],
        ["nexus"],
        ["asylum", "withholding"],
        "The 'one central reason' standard of INA § 208(b)(1)(B)(i), 8 U.S.C. § 1158(b)(1)(B)(i), "
        "as the Board read it in Matter of J-B-N- & S-M-, 24 I&N Dec. 208 (BIA 2007): persecutors "
        "with more than one motive, and the evidence that proves nexus.",
        [
            "INA § 208(b)(1)(B)(i) requires the applicant to establish that race, religion, "
            "nationality, membership in a particular social group, or political opinion was or will "
            "be at least one central reason for persecuting the applicant.",
            "In Matter of J-B-N- & S-M-, 24 I&N Dec. 208 (BIA 2007), the Board held that the "
            "protected ground cannot be incidental, tangential, superficial or subordinate to "
            "another reason for harm. A persecutor may have mixed motives.",
        ],
    ),
    (
        "Withholding of removal under INA § 241(b)(3) and CAT protection under 8 C.F.R. § 1208.16",
        "MX",
        [],
        ["nexus"],
        ["withholding", "cat"],
        "Withholding of removal under INA § 241(b)(3), 8 U.S.C. § 1231(b)(3), and protection under "
        "the Convention Against Torture, 8 C.F.R. §§ 1208.16-1208.18: the clear probability "
        "standard, acquiescence of a public official, and when each is the only relief available.",
        [
            "Withholding of removal under INA § 241(b)(3), 8 U.S.C. § 1231(b)(3), requires a clear "
            "probability that the applicant's life or freedom would be threatened on account of a "
            "protected ground. It is mandatory once shown, but confers no path to permanent status.",
            "Protection under the Convention Against Torture, 8 C.F.R. §§ 1208.16(c)-1208.18, "
            "requires that it is more likely than not the applicant would be tortured by, or with "
            "the acquiescence of, a public official; no nexus to a protected ground is needed.",
        ],
    ),
]
