"""The demo data loads, and loading it twice changes nothing."""

import pytest

import devtools.demo
from cases.models import Case, CaseChange
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


def _load():
    devtools.demo.load("taxonomy", "accounts", "cases", "outcomes")


def test_demo_cases_and_outcomes_load_idempotently():
    _load()
    counts = (Case.objects.count(), Outcome.objects.count(), CaseChange.objects.count())
    _load()
    assert (Case.objects.count(), Outcome.objects.count(), CaseChange.objects.count()) == counts
    assert Case.objects.filter(attorney__email="attorney@example.org").count() == 3
    assert Case.objects.filter(attorney__email="attorney2@example.org").count() == 1
    honduras = Case.objects.get(country_of_origin="HN")
    assert honduras.procedural_stage.slug == "bia"
    assert honduras.outcomes.get().decision == "denied"
