"""Demo data for the Expert Witness Database (see `load_demo_data`).

Idempotent and seeded: the same 150+ experts and 15 clinics every time, created only when
missing. Most demo experts need no login: their listings belong to inactive placeholder users
with unusable passwords (`demo-expert-NNN@example.invalid`), which can never sign in and are
never emailed. The demo logins expert@example.org and clinic@example.org get real listings.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Organization, OrganizationType, Role, User
from experts.models import (
    Availability,
    EventKind,
    ExpertType,
    FeeTerms,
    Listing,
    ListingEvent,
    ListingStatus,
)
from experts.services.listing import cv_store
from experts.services.listings_version import listings_changed
from taxonomy.models import PersecutionType

SEED = 20261201
EXPERT_COUNT = 150
DEMO_EXPERT_EMAIL = "expert@example.org"
DEMO_CLINIC_EMAIL = "clinic@example.org"
PLACEHOLDER_EMAIL = "demo-expert-{n:03}@example.invalid"

FIRST_NAMES = [
    "Ana",
    "Luis",
    "Grace",
    "Omar",
    "Mei",
    "Tomás",
    "Amara",
    "Daniel",
    "Fatima",
    "Jonas",
    "Lucía",
    "Kwame",
    "Elena",
    "Ravi",
    "Sofia",
    "Yusuf",
    "Claire",
    "Mateo",
    "Aisha",
    "Peter",
    "Noor",
    "Carlos",
    "Hana",
    "Ibrahim",
    "Julia",
    "Emeka",
    "Laura",
    "Sami",
    "Rosa",
    "Tenzin",
]
LAST_NAMES = [
    "Morales",
    "Okafor",
    "Nguyen",
    "Haddad",
    "Kowalski",
    "Mensah",
    "Castillo",
    "Rahimi",
    "Schneider",
    "Abebe",
    "Ortega",
    "Chen",
    "Banerjee",
    "Duarte",
    "Mahmoud",
    "Lindqvist",
    "Herrera",
    "Adeyemi",
    "Petrova",
    "Alvarez",
    "Karimi",
    "Osei",
    "Ramírez",
    "Yilmaz",
    "Fernández",
    "Tesfaye",
    "Moreau",
    "Sato",
    "Quispe",
    "Nakamura",
]
DEGREES = {
    ExpertType.COUNTRY_CONDITIONS: [
        "PhD, Anthropology",
        "PhD, Political Science",
        "PhD, Latin American Studies",
        "PhD, History",
        "JD, human rights researcher",
        "MA, journalist covering the region",
        "PhD, Sociology",
        "PhD, African Studies",
    ],
    ExpertType.MENTAL_HEALTH: [
        "PhD, Clinical Psychology, licensed psychologist",
        "LCSW, trauma therapist",
        "MD, psychiatrist",
        "PsyD, forensic psychologist",
        "LMFT, marriage and family therapist",
    ],
    ExpertType.MEDICAL: [
        "MD, internal medicine",
        "MD, emergency medicine",
        "MD, OB/GYN",
        "MD, forensic pathologist",
        "DO, family medicine",
        "NP, family nurse practitioner",
    ],
}
AFFILIATIONS = [
    "University of California",
    "Columbia University",
    "University of Texas",
    "Tulane University",
    "Georgetown University",
    "Boston Medical Center",
    "Bellevue Program for Survivors of Torture",
    "Independent researcher",
    "University of Chicago",
    "Mount Sinai Human Rights Program",
    "",
]
COUNTRY_POOL = [
    "GT",
    "HN",
    "SV",
    "MX",
    "NI",
    "VE",
    "CO",
    "CU",
    "HT",
    "EC",
    "PE",
    "BR",
    "JM",
    "CM",
    "CD",
    "ER",
    "ET",
    "GN",
    "NG",
    "SN",
    "SO",
    "SD",
    "UG",
    "KE",
    "ML",
    "MR",
    "AF",
    "BD",
    "CN",
    "IN",
    "IR",
    "IQ",
    "MM",
    "NP",
    "PK",
    "LK",
    "SY",
    "YE",
    "TR",
    "RU",
    "UA",
    "AL",
    "GE",
]
LANGUAGES_BY_COUNTRY = {
    "GT": ["es", "quc", "mam", "kjb"],
    "HN": ["es"],
    "SV": ["es"],
    "MX": ["es"],
    "NI": ["es"],
    "VE": ["es"],
    "CO": ["es"],
    "CU": ["es"],
    "EC": ["es"],
    "PE": ["es"],
    "HT": ["ht", "fr"],
    "BR": ["pt"],
    "CM": ["fr"],
    "CD": ["fr", "ln"],
    "GN": ["fr"],
    "SN": ["fr", "wo"],
    "ML": ["fr"],
    "MR": ["ar", "fr"],
    "ER": ["ti"],
    "ET": ["am"],
    "SO": ["so"],
    "SD": ["ar"],
    "KE": ["sw"],
    "UG": ["sw"],
    "AF": ["fa", "ps"],
    "IR": ["fa"],
    "IQ": ["ar", "ku"],
    "SY": ["ar", "ku"],
    "YE": ["ar"],
    "TR": ["tr", "ku"],
    "PK": ["ur", "pa"],
    "IN": ["hi", "pa"],
    "BD": ["bn"],
    "NP": ["ne"],
    "LK": ["ta"],
    "MM": ["my"],
    "CN": ["zh", "yue"],
    "RU": ["ru"],
    "UA": ["uk", "ru"],
    "GE": ["ru"],
}
# What each kind of expert writes about, beyond persecution types: a surgeon does not testify
# on land disputes, nor a historian on scarring.
OTHER_TOPICS = {
    ExpertType.COUNTRY_CONDITIONS: [
        "Indigenous communities",
        "Prison conditions",
        "Police corruption",
        "Land disputes",
        "Journalists and human rights defenders",
        "Religious minorities",
        "Child soldiers",
        "Extortion",
        "Political party membership",
    ],
    ExpertType.MEDICAL: [
        "Scarring and forensic documentation",
        "Traumatic brain injury",
        "Sexual violence",
        "Istanbul Protocol evaluations",
    ],
    ExpertType.MENTAL_HEALTH: [
        "PTSD and memory",
        "Sexual violence",
        "Traumatic brain injury",
        "Children and adolescents",
        "Elder abuse",
    ],
}
# Harms a medical or mental health evaluation documents; country conditions experts may take
# any persecution type.
CLINICAL_TOPICS = {
    "domestic-violence",
    "gender-based-violence",
    "fgm-c",
    "child-abuse",
    "trafficking",
    "state-actor-violence",
    "lgbtq",
    "forced-marriage",
}
CLINICS = [
    ("Human Rights Evaluation Clinic", "New York", "NY"),
    ("Bay Area Asylum Medical Clinic", "San Francisco", "CA"),
    ("Texas Forensic Evaluation Network", "Houston", "TX"),
    ("Chicago Survivors Health Clinic", "Chicago", "IL"),
    ("Boston Asylum Evaluation Program", "Boston", "MA"),
    ("Seattle Human Rights Clinic", "Seattle", "WA"),
    ("Philadelphia Asylum Health Collaborative", "Philadelphia", "PA"),
    ("Miami Refugee Medical Clinic", "Miami", "FL"),
    ("Denver Forensic Asylum Clinic", "Denver", "CO"),
    ("Atlanta Asylum Evaluation Clinic", "Atlanta", "GA"),
    ("Los Angeles Human Rights Medical Program", "Los Angeles", "CA"),
    ("Minneapolis Survivors Evaluation Clinic", "Minneapolis", "MN"),
    ("New Orleans Asylum Health Project", "New Orleans", "LA"),
    ("Arizona Asylum Medical Network", "Phoenix", "AZ"),
    ("DC Human Rights Evaluation Clinic", "Washington", "DC"),
]
# A few listings in every vetting state besides "listed".
OTHER_STATUSES = (
    [ListingStatus.SUBMITTED] * 6
    + [ListingStatus.DRAFT] * 4
    + [ListingStatus.CHANGES_REQUESTED] * 3
    + [ListingStatus.NOT_LISTED] * 2
)


def _pick_availability(rng: random.Random, now):
    roll = rng.random()
    if roll < 0.6:
        return Availability.ACCEPTING, now - timedelta(days=rng.randint(0, 80))
    if roll < 0.85:
        return Availability.NOT_ACCEPTING, now - timedelta(days=rng.randint(0, 200))
    return Availability.UNKNOWN, now - timedelta(days=rng.randint(95, 300))


def _expert_fields(rng: random.Random, n: int, now, topics: list[PersecutionType]) -> dict:
    roll = rng.random()
    if roll < 0.55:
        kind = ExpertType.COUNTRY_CONDITIONS
    elif roll < 0.8:
        kind = ExpertType.MENTAL_HEALTH
    else:
        kind = ExpertType.MEDICAL
    countries = []
    if kind == ExpertType.COUNTRY_CONDITIONS:
        # Most asylum cases come from a few countries; so do most demo experts.
        countries = rng.sample(COUNTRY_POOL[:6], rng.randint(0, 2))
        countries += rng.sample(COUNTRY_POOL[6:], rng.randint(0 if countries else 1, 2))
    languages = {"en"}
    for code in countries:
        if rng.random() < 0.7:
            languages.update(rng.sample(LANGUAGES_BY_COUNTRY.get(code, ["fr"]), 1))
    if kind != ExpertType.COUNTRY_CONDITIONS and rng.random() < 0.5:
        languages.add(rng.choice(["es", "fr", "ar", "ht", "pt", "ru", "fa", "zh", "asl"]))
    availability, confirmed = _pick_availability(rng, now)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    degree = rng.choice(DEGREES[kind])
    title = "Dr. " if degree.startswith(("PhD", "MD", "PsyD", "DO")) else ""
    return {
        "display_name": f"{title}{name}",
        "credentials": f"{degree}. {rng.randint(5, 30)} years of experience; "
        f"has written reports for asylum cases since {rng.randint(2000, 2022)}.",
        "affiliation": rng.choice(AFFILIATIONS),
        "expert_types": [kind],
        "countries": countries,
        "other_topics": rng.sample(OTHER_TOPICS[kind], rng.randint(0, 2)),
        "languages": sorted(languages),
        "works_remotely": rng.random() < 0.8,
        "in_person_states": rng.sample(
            ["CA", "TX", "NY", "IL", "FL", "MA", "WA", "AZ"], rng.randint(0, 3)
        ),
        "detention_visits": rng.random() < 0.3,
        "fee_terms": rng.choice(
            [FeeTerms.FEE, FeeTerms.FEE, FeeTerms.PRO_BONO, FeeTerms.SLIDING_SCALE]
        ),
        "fee_details": rng.choice(
            [
                "",
                "Flat fee for a written declaration.",
                "Fees waived for nonprofit counsel.",
                "Hourly rate on request.",
            ]
        ),
        "availability": availability,
        "availability_confirmed_at": confirmed,
        "contact_email": f"expert{n:03}@experts.example.org",
        "phone": f"+1 555 01{n:02}" if n < 100 else "",
        "website": f"https://experts.example.org/{n:03}" if rng.random() < 0.4 else "",
        "publications": rng.choice(
            [
                "",
                "Articles in peer-reviewed journals on the region.",
                "A book and several reports for NGOs.",
            ]
        ),
        "testimony_count": rng.randint(0, 120),
        "testimony_courts": rng.choice(
            [
                "",
                "Immigration courts in several states",
                "San Francisco and Houston immigration courts; asylum offices",
            ]
        ),
        "_topics": _fitting(rng, kind, topics),
    }


def _fitting(rng: random.Random, kind, topics: list[PersecutionType]) -> list[PersecutionType]:
    if kind != ExpertType.COUNTRY_CONDITIONS:
        topics = [t for t in topics if t.slug in CLINICAL_TOPICS]
    return rng.sample(topics, rng.randint(1, min(4, len(topics)))) if topics else []


def _create(*, keeper_fields: dict, fields: dict, status: str, now) -> Listing:
    topics = fields.pop("_topics")
    listing = Listing.objects.create(
        **keeper_fields,
        **fields,
        status=status,
        submitted_at=now - timedelta(days=30) if status != ListingStatus.DRAFT else None,
        listed_at=now - timedelta(days=20) if status == ListingStatus.LISTED else None,
        staff_notes=(
            "Please add the courts where you have testified and a current CV."
            if status == ListingStatus.CHANGES_REQUESTED
            else "We could not verify the credentials listed."
            if status == ListingStatus.NOT_LISTED
            else ""
        ),
    )
    listing.topics.set(topics)
    events = [
        ListingEvent(listing=listing, kind=EventKind.CREATED, created_at=now - timedelta(days=40))
    ]
    if status != ListingStatus.DRAFT:
        events.append(
            ListingEvent(
                listing=listing, kind=EventKind.SUBMITTED, created_at=now - timedelta(days=30)
            )
        )
    decision = {
        ListingStatus.LISTED: EventKind.APPROVED,
        ListingStatus.CHANGES_REQUESTED: EventKind.CHANGES_REQUESTED,
        ListingStatus.NOT_LISTED: EventKind.REJECTED,
    }.get(status)
    if decision:
        events.append(
            ListingEvent(
                listing=listing,
                kind=decision,
                notes=listing.staff_notes,
                checklist={
                    "credentials_checked": True,
                    "references_checked": True,
                    "cv_reviewed": True,
                },
                created_at=now - timedelta(days=20),
                notified_at=now - timedelta(days=20),
            )
        )
    ListingEvent.objects.bulk_create(events)
    return listing


def _demo_cv(name: str) -> ContentFile:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.drawString(72, 720, f"Curriculum vitae: {name}")
    pdf.drawString(72, 700, "PhD, Latin American Studies. Country conditions expert.")
    pdf.showPage()
    pdf.save()
    return ContentFile(buffer.getvalue(), name="cv.pdf")


def _placeholder(n: int) -> User:
    email = PLACEHOLDER_EMAIL.format(n=n)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            email=email,
            account_type=Role.EXPERT,
            is_active=False,
            is_solo_practitioner=True,
        )
        user.set_unusable_password()
        user.save()
    return user


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    rng = random.Random(SEED)
    now = timezone.now()
    topics = list(PersecutionType.objects.order_by("slug"))
    by_slug = {t.slug: t for t in topics}
    created = 0

    # The demo expert: listed, Central American country conditions, found from the demo
    # attorney's Guatemalan case.
    samira = User.objects.filter(email=DEMO_EXPERT_EMAIL).first()
    if samira is not None and not Listing.objects.filter(owner=samira, is_clinic=False).exists():
        listing = _create(
            keeper_fields={"owner": samira, "is_clinic": False},
            fields={
                "display_name": "Dr. Samira Haddad",
                "credentials": "PhD, Latin American Studies (University of Texas at Austin). "
                "Senior researcher on gender-based and gang violence in the Northern Triangle; "
                "15 years of field research in Guatemala, Honduras and El Salvador.",
                "affiliation": "Institute for Latin American Studies",
                "expert_types": [ExpertType.COUNTRY_CONDITIONS],
                "countries": ["GT", "HN", "SV"],
                "other_topics": ["Indigenous communities", "State protection"],
                "languages": ["en", "es"],
                "works_remotely": True,
                "in_person_states": ["TX"],
                "detention_visits": False,
                "fee_terms": FeeTerms.SLIDING_SCALE,
                "fee_details": "Sliding scale; pro bono for nonprofit counsel, detained clients.",
                "availability": Availability.ACCEPTING,
                "availability_confirmed_at": now,
                "contact_email": DEMO_EXPERT_EMAIL,
                "phone": "+1 512 555 0142",
                "website": "https://example.org/samira-haddad",
                "publications": "Violence against women in Guatemala (2021); reports for UNHCR.",
                "testimony_count": 64,
                "testimony_courts": "Immigration courts in San Antonio, Houston and Dallas.",
                "_topics": [
                    by_slug[s]
                    for s in ("domestic-violence", "gang-violence", "gender-based-violence")
                    if s in by_slug
                ],
            },
            status=ListingStatus.LISTED,
            now=now,
        )
        listing.cv.name = cv_store(_demo_cv("Dr. Samira Haddad"))
        listing.cv_uploaded_at = now
        listing.save(update_fields=["cv", "cv_uploaded_at"])
        created += 1

    statuses = [ListingStatus.LISTED] * (EXPERT_COUNT - len(OTHER_STATUSES)) + OTHER_STATUSES
    rng.shuffle(statuses)
    for n in range(1, EXPERT_COUNT + 1):
        fields = _expert_fields(rng, n, now, topics)
        status = statuses[n - 1]
        user = _placeholder(n)
        if Listing.objects.filter(owner=user, is_clinic=False).exists():
            continue
        _create(
            keeper_fields={"owner": user, "is_clinic": False}, fields=fields, status=status, now=now
        )
        created += 1

    clinic_user = (
        User.objects.filter(email=DEMO_CLINIC_EMAIL).select_related("organization").first()
    )
    for i, (name, city, state) in enumerate(CLINICS):
        organization, _ = Organization.objects.get_or_create(
            name=name,
            defaults={
                "type": OrganizationType.MEDICAL_CLINIC,
                "city": city,
                "state": state,
                "verified": True,
            },
        )
        fields = _expert_fields(rng, 200 + i, now, topics)
        if Listing.objects.filter(organization=organization, is_clinic=True).exists():
            continue
        types = [ExpertType.MENTAL_HEALTH, ExpertType.MEDICAL]
        if i % 4 == 0:
            types = [ExpertType.MENTAL_HEALTH]
        elif i % 5 == 0:
            types = [ExpertType.MEDICAL]
        fields.update(
            display_name=name,
            credentials="Volunteer physicians and psychologists trained in the Istanbul Protocol "
            "perform forensic evaluations for asylum seekers.",
            affiliation="",
            expert_types=types,
            countries=[],
            in_person_states=[state],
            contact_email=f"clinic{i:02}@clinics.example.org",
            fee_terms=FeeTerms.PRO_BONO if i % 3 else FeeTerms.SLIDING_SCALE,
        )
        if clinic_user is not None and clinic_user.organization_id == organization.pk:
            fields.update(
                contact_email=DEMO_CLINIC_EMAIL,
                availability=Availability.ACCEPTING,
                availability_confirmed_at=now,
            )
        _create(
            keeper_fields={"organization": organization, "is_clinic": True},
            fields=fields,
            status=ListingStatus.SUBMITTED if i == 7 else ListingStatus.LISTED,
            now=now,
        )
        created += 1
    if created:
        # Written here without the services: tell the expert search, as they would.
        listings_changed()
    log(
        f"experts: {created} listings added ({Listing.objects.listed().count()} listed, "
        f"{Listing.objects.count()} in all)"
    )
