"""The taxonomy `make run` and the tests start with, each term named in English and Spanish
(the Spanish follows locale/es/glossary.toml). Nothing loads it in production: staff
enter the terms in the admin (taxonomy/admin.py)."""

from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

PERSECUTION_TYPES = [
    ("domestic-violence", "Domestic violence", "Violencia doméstica"),
    ("gang-violence", "Gang violence", "Violencia de pandillas"),
    ("gender-based-violence", "Gender-based violence", "Violencia de género"),
    (
        "fgm-c",
        "Female genital mutilation/cutting (FGM/C)",
        "Mutilación/ablación genital femenina (MGF/A)",
    ),
    ("lgbtq", "LGBTQ+ identity", "Identidad LGBTQ+"),
    ("political-opinion", "Political opinion", "Opinión política"),
    ("religion", "Religion", "Religión"),
    ("ethnicity-race", "Ethnicity / race", "Etnia / raza"),
    ("forced-marriage", "Forced marriage", "Matrimonio forzado"),
    ("trafficking", "Human trafficking", "Trata de personas"),
    ("climate-displacement", "Climate displacement", "Desplazamiento climático"),
    ("child-abuse", "Child abuse", "Maltrato infantil"),
    ("family-membership", "Family membership", "Pertenencia a una familia"),
    ("disability", "Disability or health status", "Discapacidad o estado de salud"),
    ("state-actor-violence", "Violence by state actors", "Violencia por agentes del Estado"),
]
PROTECTION_TYPES = [
    ("asylum", "Asylum", "Asilo"),
    ("withholding", "Withholding of removal", "Suspensión de expulsión"),
    ("cat", "Convention Against Torture (CAT)", "Convención contra la Tortura (CAT)"),
]
PROCEDURAL_STAGES = [
    (
        "affirmative",
        "Affirmative, before the asylum office",
        "Afirmativo, ante la oficina de asilo",
    ),
    (
        "immigration-court",
        "Defensive, before the immigration court",
        "Defensivo, ante la corte de inmigración",
    ),
    (
        "bia",
        "Appeal at the Board of Immigration Appeals (BIA)",
        "Apelación ante la Junta de Apelaciones de Inmigración (BIA)",
    ),
    (
        "circuit-court",
        "Petition for review at a federal circuit court",
        "Petición de revisión ante una corte federal de apelaciones",
    ),
    ("other", "Other", "Otra"),
]
TOPICS = [
    ("particular-social-group", "Particular social group", "Grupo social determinado"),
    ("nexus", "Nexus", "Nexo"),
    ("credibility", "Credibility", "Credibilidad"),
    ("one-year-bar", "One-year filing deadline", "Plazo de un año para solicitar asilo"),
    ("internal-relocation", "Internal relocation", "Reubicación interna"),
    ("firm-resettlement", "Firm resettlement", "Reasentamiento firme"),
    ("gang-based-claims", "Gang-based claims", "Solicitudes basadas en pandillas"),
    ("working-with-experts", "Working with experts", "Trabajo con peritos"),
    ("motions-to-reopen", "Motions to reopen", "Mociones para reabrir"),
    ("detention", "Detention", "Detención"),
    (
        "unable-unwilling-to-protect",
        "Unable or unwilling to protect",
        "Incapacidad o falta de voluntad de proteger",
    ),
    ("children", "Children's claims", "Solicitudes de niños y niñas"),
    ("bars-to-asylum", "Bars to asylum", "Impedimentos para el asilo"),
    ("corroboration", "Corroboration", "Corroboración"),
]
RESOURCE_TYPES = [
    ("practice-advisory", "Practice advisory", "Guía práctica", False),
    ("sample-brief", "Sample brief", "Modelo de escrito", False),
    ("sample-motion", "Sample motion", "Modelo de moción", False),
    (
        "universal-expert-declaration",
        "Universal expert declaration",
        "Declaración pericial general",
        True,
    ),
    (
        "country-conditions",
        "Country conditions research",
        "Investigación sobre condiciones del país",
        True,
    ),
    ("webinar-recording", "Webinar recording", "Grabación de seminario web", False),
    ("case-compendium", "Case compendium", "Compendio de casos", False),
    ("decision", "Decision", "Decisión", False),
    ("litigation-update", "Litigation update", "Novedades de litigio", False),
]


def _sync(model, rows) -> None:
    for position, (slug, name, name_es, *extra) in enumerate(rows, start=1):
        defaults = {"name": name, "name_es": name_es, "position": position}
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
