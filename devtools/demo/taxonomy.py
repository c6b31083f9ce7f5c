"""The taxonomy `make run` and the tests start with. Nothing loads it in production: staff
enter the terms in the admin (taxonomy/admin.py)."""

from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

PERSECUTION_TYPES = [
    ("domestic-violence", "Domestic violence"),
    ("gang-violence", "Gang violence"),
    ("gender-based-violence", "Gender-based violence"),
    ("fgm-c", "Female genital mutilation/cutting (FGM/C)"),
    ("lgbtq", "LGBTQ+ identity"),
    ("political-opinion", "Political opinion"),
    ("religion", "Religion"),
    ("ethnicity-race", "Ethnicity / race"),
    ("forced-marriage", "Forced marriage"),
    ("trafficking", "Human trafficking"),
    ("climate-displacement", "Climate displacement"),
    ("child-abuse", "Child abuse"),
    ("family-membership", "Family membership"),
    ("disability", "Disability or health status"),
    ("state-actor-violence", "Violence by state actors"),
]
PROTECTION_TYPES = [
    ("asylum", "Asylum"),
    ("withholding", "Withholding of removal"),
    ("cat", "Convention Against Torture (CAT)"),
]
PROCEDURAL_STAGES = [
    ("affirmative", "Affirmative, before the asylum office"),
    ("immigration-court", "Defensive, before the immigration court"),
    ("bia", "Appeal at the Board of Immigration Appeals (BIA)"),
    ("circuit-court", "Petition for review at a federal circuit court"),
    ("other", "Other"),
]
TOPICS = [
    ("particular-social-group", "Particular social group"),
    ("nexus", "Nexus"),
    ("credibility", "Credibility"),
    ("one-year-bar", "One-year filing deadline"),
    ("internal-relocation", "Internal relocation"),
    ("firm-resettlement", "Firm resettlement"),
    ("gang-based-claims", "Gang-based claims"),
    ("working-with-experts", "Working with experts"),
    ("motions-to-reopen", "Motions to reopen"),
    ("detention", "Detention"),
    ("unable-unwilling-to-protect", "Unable or unwilling to protect"),
    ("children", "Children's claims"),
    ("bars-to-asylum", "Bars to asylum"),
    ("corroboration", "Corroboration"),
]
RESOURCE_TYPES = [
    ("practice-advisory", "Practice advisory", False),
    ("sample-brief", "Sample brief", False),
    ("sample-motion", "Sample motion", False),
    ("universal-expert-declaration", "Universal expert declaration", True),
    ("country-conditions", "Country conditions research", True),
    ("webinar-recording", "Webinar recording", False),
    ("case-compendium", "Case compendium", False),
    ("decision", "Decision", False),
    ("litigation-update", "Litigation update", False),
]


def _sync(model, rows) -> None:
    for position, (slug, name, *extra) in enumerate(rows, start=1):
        defaults = {"name": name, "position": position}
        if model is ResourceType:
            defaults["country_specific"] = extra[0]
        model.objects.update_or_create(slug=slug, defaults=defaults)


# The order a case moves through the stages ("other" has no place in it).
STAGE_SEQUENCE = {"affirmative": 1, "immigration-court": 2, "bia": 3, "circuit-court": 4}
# Topics an intake implies (see taxonomy.models.Topic): the matching reads these rows.
TOPIC_IMPLICATIONS = {
    "detention": {"implied_by_detention": True},
    "children": {"implied_by_child_harm": True},
}
TOPIC_IMPLIED_BY_PERSECUTION = {"gang-based-claims": ["gang-violence"]}


def load(log) -> None:
    _sync(PersecutionType, PERSECUTION_TYPES)
    _sync(ProtectionType, PROTECTION_TYPES)
    _sync(ProceduralStage, PROCEDURAL_STAGES)
    _sync(Topic, TOPICS)
    _sync(ResourceType, RESOURCE_TYPES)
    for slug, sequence in STAGE_SEQUENCE.items():
        ProceduralStage.objects.filter(slug=slug).update(sequence=sequence)
    for slug, fields in TOPIC_IMPLICATIONS.items():
        Topic.objects.filter(slug=slug).update(**fields)
    for slug, persecution_slugs in TOPIC_IMPLIED_BY_PERSECUTION.items():
        Topic.objects.get(slug=slug).implied_by_persecution.add(
            *PersecutionType.objects.filter(slug__in=persecution_slugs)
        )
    log(
        f"taxonomy: {PersecutionType.objects.count()} persecution types, "
        f"{Topic.objects.count()} topics, {ResourceType.objects.count()} resource types"
    )
