import pytest

import devtools.demo.taxonomy
from taxonomy.models import PersecutionType


@pytest.fixture
def taxonomy_terms(db):
    devtools.demo.taxonomy.load(lambda message: None)
    return {term.slug: term for term in PersecutionType.objects.all()}


@pytest.fixture
def listing_data(taxonomy_terms):
    """A complete, valid listing POST for a country conditions expert on Guatemala."""

    def make(**overrides):
        data = {
            "display_name": "Dr. Lucía Ortega",
            "credentials": "PhD, Anthropology; 12 years of research in Guatemala.",
            "affiliation": "University of Texas",
            "expert_types": "country_conditions",
            "countries": ["GT", "HN"],
            "topics": [taxonomy_terms["domestic-violence"].pk],
            "other_topics": "Indigenous communities\nPolice corruption",
            "languages": ["en", "es"],
            "works_remotely": "on",
            "in_person_states": ["TX"],
            "fee_terms": "sliding_scale",
            "fee_details": "Sliding scale for nonprofits.",
            "availability": "accepting",
            "contact_email": "lucia@example.net",
            "phone": "+1 512 555 0100",
            "website": "https://example.net/lucia",
            "publications": "",
            "testimony_count": "12",
            "testimony_courts": "San Antonio immigration court",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
