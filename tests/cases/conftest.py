import pytest

import devtools.demo.taxonomy


@pytest.fixture
def taxonomy_terms(db):
    """The real taxonomy rows (persecution types, protection, stages...)."""
    devtools.demo.taxonomy.load(lambda message: None)


@pytest.fixture
def intake_data(taxonomy_terms):
    """A complete, valid intake POST for a Guatemalan domestic-violence case in court."""
    import uuid

    from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType

    def make(**overrides):
        data = {
            "intake_token": str(uuid.uuid4()),
            "country_of_origin": "GT",
            "persecution_types": [PersecutionType.objects.get(slug="domestic-violence").pk],
            "protection_types": [
                ProtectionType.objects.get(slug="asylum").pk,
                ProtectionType.objects.get(slug="withholding").pk,
            ],
            "procedural_stage": ProceduralStage.objects.get(slug="immigration-court").pk,
            "detention_status": "not_detained",
            "client_gender": "woman",
            "age_group_at_harm": "",
            "outcome_rendered": "no",
            "notes": "",
            "deadlines-TOTAL_FORMS": "3",
            "deadlines-INITIAL_FORMS": "0",
            "deadlines-MIN_NUM_FORMS": "0",
            "deadlines-MAX_NUM_FORMS": "12",
            "deadlines-0-due_on": "",
            "deadlines-0-description": "",
            "deadlines-1-due_on": "",
            "deadlines-1-description": "",
            "deadlines-2-due_on": "",
            "deadlines-2-description": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
