"""Demo data for the TA Library: ~315 resources across every type, country and topic.

Deterministic (seeded) and idempotent (a resource whose title exists is skipped). Most have a
real multi-page PDF made here with reportlab, a few DOCX files, links and videos. Everything
goes through ta_library.services.resource_create (so search hears of each one).
"""

from __future__ import annotations

import datetime
import io
import random

from django.core.files.base import ContentFile

from devtools.demo import ta_library_text as demo_text
from ta_library.models import Audience, Resource
from ta_library.services import resource_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

SEED = 20261201
FIRST_DAY = datetime.date(2018, 1, 8)
LAST_DAY = datetime.date(2026, 11, 20)
OTHER_AUTHORS = [
    "National Immigrant Justice Center",
    "Immigrant Legal Resource Center",
    "Tahirih Justice Center",
    "Dr. Elena Márquez, country conditions expert",
    "Capital Area Immigrants' Rights Coalition",
    "Prof. Samuel Okafor, expert on West Africa",
]
CLAIM_THEMES = [
    # (persecution slugs, topic slugs, title phrase)
    (
        ["domestic-violence", "gender-based-violence"],
        ["particular-social-group", "unable-unwilling-to-protect"],
        "domestic violence",
    ),
    (["gang-violence"], ["gang-based-claims", "nexus"], "gang-based persecution"),
    (["lgbtq"], ["particular-social-group", "credibility"], "LGBTQ+ claims"),
    (["fgm-c", "gender-based-violence"], ["particular-social-group"], "FGM/C"),
    (["political-opinion"], ["nexus", "corroboration"], "political opinion"),
    (["religion"], ["credibility", "corroboration"], "religious persecution"),
    (
        ["family-membership"],
        ["particular-social-group", "nexus"],
        "family as a particular social group",
    ),
    (["forced-marriage"], ["particular-social-group", "children"], "forced marriage"),
    (["trafficking"], ["credibility", "one-year-bar"], "trafficking survivors"),
    (["child-abuse"], ["children"], "children's claims"),
    (["ethnicity-race"], ["nexus"], "ethnicity and race"),
    (["state-actor-violence"], ["unable-unwilling-to-protect"], "state actors"),
    (["climate-displacement"], ["particular-social-group"], "climate displacement"),
    (["disability"], ["particular-social-group"], "disability"),
]
STAGE_PHRASES = {
    "affirmative": "at the asylum office",
    "immigration-court": "before the immigration court",
    "bia": "on appeal to the BIA",
    "circuit-court": "in the circuit courts",
}
EXPERT_GUIDES = [
    "Writing a declaration that an immigration judge will read",
    "Testifying by video: a guide for country conditions experts",
    "Cross-examination by DHS counsel: what to expect",
    "The CGRS expert vetting protocol, explained",
    "Citing sources in an expert declaration",
    "Mental health evaluations for asylum seekers: a checklist",
    "Medical evaluations of scarring and torture: the Istanbul Protocol",
    "Preparing a universal expert declaration",
    "Fees, pro bono work and conflicts for expert witnesses",
    "Updating a declaration when country conditions change",
]


def _date(rng: random.Random) -> datetime.date:
    return FIRST_DAY + datetime.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))


def _pdf(title: str, page_texts: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("CGRS demo data")
    width, height = LETTER
    for number, paragraphs in enumerate(page_texts, start=1):
        y = height - 72
        if number == 1:
            pdf.setFont("Helvetica-Bold", 14)
            for line in simpleSplit(title, "Helvetica-Bold", 14, width - 144):
                pdf.drawString(72, y, line)
                y -= 20
            y -= 10
        pdf.setFont("Helvetica", 10.5)
        for text in paragraphs:
            for line in simpleSplit(text, "Helvetica", 10.5, width - 144):
                if y < 80:
                    break
                pdf.drawString(72, y, line)
                y -= 14
            y -= 10
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 40, f"Center for Gender & Refugee Studies — page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _docx(title: str, page_texts: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraphs in page_texts:
        for text in paragraphs:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _summary(item: dict, country: str, topics: dict) -> str:
    """A summary that says what the resource is, from its own title's facts: a lawyer reads
    these to decide what to open, so a summary must never contradict its title."""
    if item.get("summary"):
        return item["summary"]
    phrase = item.get("phrase", "")
    where = item.get("where", "")
    issues = " and ".join(topics[slug].name.lower() for slug in item.get("topics", [])[:2])
    kind = item["kind"]
    title = item["title"]
    if kind == "practice-advisory" and phrase:
        return (
            f"How to build and present claims involving {phrase}: the elements adjudicators "
            f"test, the evidence that carries them, and arguments on {issues or 'nexus'} that "
            "have succeeded."
        )
    if kind == "practice-advisory" and item.get("audience") == Audience.EXPERTS:
        return f"Guidance for expert witnesses: {title[0].lower()}{title[1:]}."
    if kind == "practice-advisory":
        return (
            f"{title}. The governing law, how asylum officers and immigration judges apply it, "
            "and what evidence to gather, with the leading precedent decisions."
        )
    if kind == "sample-brief" and "CAT protection" in title:
        return (
            f"A sample brief on protection under the Convention Against Torture for a client "
            f"whose claim involves {phrase}: likelihood of torture, acquiescence of officials, "
            "and why relocation is not possible."
        )
    if kind == "sample-brief":
        return (
            f"A sample brief {where} in a case involving {phrase}, with the argument on "
            f"{issues or 'the protected ground'} and record citations to adapt to your "
            "client's facts."
        )
    if kind == "sample-motion":
        return (
            f"A sample motion to reopen in a case involving {phrase}: changed circumstances, "
            "the new evidence, and the declaration that must accompany it."
        )
    if kind == "decision" and "IJ decision" in title:
        return (
            f"An immigration judge's decision granting asylum in a case involving {phrase}, "
            f"redacted under the CGRS protocol. Useful for the judge's analysis of "
            f"{issues or 'the protected ground'}."
        )
    if kind == "decision":
        return (
            f"A Board of Immigration Appeals decision remanding a case involving {phrase} to "
            f"the immigration judge, redacted under the CGRS protocol. It addresses "
            f"{issues or 'the protected ground'}."
        )
    if kind == "case-compendium":
        return (
            f"Summaries of unpublished immigration judge and BIA decisions in cases involving "
            f"{phrase}, grouped by issue ({issues or 'nexus'}) with the outcome of each."
        )
    if kind == "country-conditions":
        return (
            f"Research on {phrase} in {country}, drawn from government, UN and NGO reports "
            "and organised for use as evidence in asylum cases."
        )
    if kind == "universal-expert-declaration":
        return (
            f"A country conditions expert's declaration on {country}, written to be filed in "
            "any case from there: state protection, internal relocation and the treatment of "
            "people returned."
        )
    if kind == "webinar-recording" and "year" in item:
        return (
            f"Recording of the CGRS asylum law update for {item['year']}: the year's precedent "
            "decisions, regulations and litigation, and what they change in practice."
        )
    if kind == "webinar-recording":
        return (
            "For attorneys and experts together: when a case needs an expert, how to find "
            "and prepare one, and how declarations are received in court."
        )
    if kind == "litigation-update":
        return (
            f"Where the litigation over asylum cooperative agreements stood in {item['year']}, "
            "and what it means for clients in removal proceedings."
        )
    return title


def _plan(rng: random.Random) -> list[dict]:
    """Every demo resource as keyword arguments (slugs for tags), deterministic."""
    plan: list[dict] = []
    countries = list(demo_text.COUNTRY_FACTS)

    def claim(kind: str, title: str, theme, stage: str | None, **extra):
        persecution, topics, phrase = theme
        code = rng.choice(countries)
        protection = rng.choice([["asylum", "withholding", "cat"], ["asylum"], ["cat"], []])
        plan.append(
            {
                "kind": kind,
                "title": title,
                "code": code,
                "persecution": persecution,
                "topics": topics,
                "protection": protection,
                "stages": [stage] if stage else [],
                "phrase": phrase,
                "where": STAGE_PHRASES.get(stage, ""),
                **extra,
            }
        )

    for theme in CLAIM_THEMES:
        phrase = theme[2]
        claim("practice-advisory", f"Practice advisory: {phrase}", theme, None)
        for stage, where in STAGE_PHRASES.items():
            claim("sample-brief", f"Sample brief on {phrase} {where}", theme, stage)
        claim("sample-motion", f"Sample motion to reopen: {phrase}", theme, "immigration-court")
        plan[-1]["topics"] = [*plan[-1]["topics"], "motions-to-reopen"]
        claim(
            "decision",
            f"Redacted IJ decision granting asylum: {phrase}",
            theme,
            "immigration-court",
        )
        claim("decision", f"Redacted BIA decision remanding: {phrase}", theme, "bia")
        claim("case-compendium", f"Case compendium: {phrase}", theme, None, compendium=True)
        claim("sample-brief", f"Sample brief: CAT protection and {phrase}", theme, None)
        plan[-1]["protection"] = ["cat"]
    for code, (name, _police, _fact) in demo_text.COUNTRY_FACTS.items():
        for topic_words in (
            "human rights overview",
            "protection for survivors of violence",
            "state protection and police response",
        ):
            plan.append(
                {
                    "kind": "country-conditions",
                    "title": f"{name}: {topic_words}",
                    "code": code,
                    "phrase": topic_words,
                }
            )
        plan.append(
            {
                "kind": "universal-expert-declaration",
                "title": f"Universal expert declaration on {name}",
                "code": code,
                "cgrs": False,
            }
        )
    general = [
        ("Asylum basics: elements of a claim", ["nexus", "particular-social-group"]),
        ("The one-year filing deadline and its exceptions", ["one-year-bar"]),
        ("Preparing a client to testify credibly", ["credibility"]),
        ("Working with country conditions experts", ["working-with-experts"]),
        ("Corroboration after Matter of A-B-", ["corroboration"]),
        ("Unable or unwilling to protect: the standard today", ["unable-unwilling-to-protect"]),
        ("Internal relocation: burden and reasonableness", ["internal-relocation"]),
        ("Bars to asylum: a practitioner's checklist", ["bars-to-asylum"]),
        ("Detention: representing detained asylum seekers", ["detention"]),
        ("Firm resettlement: when a third country matters", ["firm-resettlement"]),
    ]
    for title, topics in general:
        plan.append(
            {
                "kind": "practice-advisory",
                "title": title,
                "code": rng.choice(countries),
                "general": True,
                "topics": topics,
            }
        )
    for year in range(2019, 2027):
        plan.append(
            {
                "kind": "webinar-recording",
                "title": f"Webinar recording: asylum law update {year}",
                "code": "GT",
                "general": True,
                # Demo recordings link to a page rather than embed somebody's unrelated video.
                "link": f"https://webinars.example.org/cgrs/asylum-law-update-{year}",
                "year": year,
            }
        )
        plan.append(
            {
                "kind": "litigation-update",
                "title": f"Litigation update: asylum cooperative agreements ({year})",
                "code": "HN",
                "general": True,
                "link": f"https://cgrs.uclawsf.edu/our-work/litigation/{year}",
                "year": year,
            }
        )
    for title in EXPERT_GUIDES:
        plan.append(
            {
                "kind": "practice-advisory",
                "title": title,
                "code": "GT",
                "audience": Audience.EXPERTS,
            }
        )
    plan.append(
        {
            "kind": "webinar-recording",
            "title": "Webinar: expert witnesses and asylum cases (for attorneys and experts)",
            "code": "SV",
            "audience": Audience.BOTH,
            "topics": ["working-with-experts"],
            "general": True,
            "link": "https://webinars.example.org/cgrs/expert-witnesses-and-asylum-cases",
        }
    )
    # Last, so the resources above keep their dates and authors (drawn in plan order).
    for title, code, persecution, topics, protection, summary, lead in demo_text.AUTHORITY_GUIDES:
        plan.append(
            {
                "kind": "practice-advisory",
                "title": title,
                "code": code,
                "persecution": persecution,
                "topics": topics,
                "protection": protection,
                "summary": summary,
                "lead": lead,
            }
        )
    for item in plan:
        item["date"] = _date(rng)
        item.setdefault("cgrs", rng.random() < 0.75)
    # Three documents as Word files (the rest with a file are PDFs).
    for item in [p for p in plan if p["kind"] == "sample-motion"][:3]:
        item["docx"] = True
    return plan


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    rng = random.Random(SEED)
    plan = _plan(rng)
    existing = set(Resource.objects.values_list("title", flat=True))
    terms = {
        model: {t.slug: t for t in model.objects.all()}
        for model in (PersecutionType, ProtectionType, ProceduralStage, Topic, ResourceType)
    }
    created = 0
    for item in plan:
        # Text is drawn for every item, created or not, so the sequence stays deterministic.
        text_rng = random.Random(f"{SEED}:{item['title']}")
        if item["title"] in existing:
            continue
        resource_type = terms[ResourceType][item["kind"]]
        code = item["code"]
        name = demo_text.COUNTRY_FACTS[code][0]
        summary = _summary(item, name, terms[Topic])
        file = None
        if not item.get("video") and not item.get("link"):
            body = (
                demo_text.compendium_pages(text_rng, code)
                if item.get("compendium")
                else demo_text.pages(text_rng, code, text_rng.randint(3, 5))
            )
            if item.get("lead"):
                # A guide to one authority opens with what it holds or says.
                body = [item["lead"], *body[1:]]
            if item.get("docx"):
                file = ContentFile(_docx(item["title"], body), name="demo.docx")
            else:
                file = ContentFile(_pdf(item["title"], body), name="demo.pdf")
        country_specific = resource_type.country_specific
        resource_create(
            title=item["title"],
            summary=summary,
            resource_type=resource_type,
            published_on=item["date"],
            authored_by_cgrs=item["cgrs"],
            author_name="" if item["cgrs"] else text_rng.choice(OTHER_AUTHORS),
            file=file,
            external_url=item.get("link", ""),
            video_url=item.get("video", ""),
            countries=[code] if country_specific else [],
            persecution_types=[terms[PersecutionType][s] for s in item.get("persecution", [])],
            protection_types=[terms[ProtectionType][s] for s in item.get("protection", [])],
            procedural_stages=[terms[ProceduralStage][s] for s in item.get("stages", [])],
            topics=[terms[Topic][s] for s in item.get("topics", [])],
            relevant_to_every_case=item.get("general", False),
            audience=item.get("audience", Audience.ATTORNEYS),
            is_published=True,
        )
        created += 1
    log(f"ta_library: {created} resources created ({len(plan)} in the demo catalogue)")
