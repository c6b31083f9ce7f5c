"""Case number allocation, idempotent intake and the edit history, against real PostgreSQL."""

import itertools
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from cases.services import (
    CaseNumbersExhausted,
    case_create,
    case_number_usage,
)
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType
from tests.cases.helpers import fill_number_space, in_parallel


def _answers():
    return {
        "country_of_origin": "HN",
        "persecution_types": list(PersecutionType.objects.filter(slug="gang-violence")),
        "protection_types": list(ProtectionType.objects.filter(slug="asylum")),
        "procedural_stage": ProceduralStage.objects.get(slug="bia"),
        "detention_status": "detained",
    }


@pytest.mark.django_db
def test_numbers_are_five_digit_random_and_not_sequential(users, taxonomy_terms):
    numbers = [
        case_create(attorney=users["attorney"], intake_token=uuid.uuid4(), **_answers())[0].number
        for _ in range(20)
    ]
    assert len(set(numbers)) == 20
    assert all(10000 <= n <= 99999 for n in numbers)
    ordered = sorted(numbers)
    assert sum(b - a == 1 for a, b in itertools.pairwise(ordered)) < 5
    assert numbers != ordered


def test_parallel_intakes_never_share_a_number(transactional_db, users, taxonomy_terms):
    answers = _answers()
    attorney = users["attorney"]

    def submit(i):
        case, created = case_create(attorney=attorney, intake_token=uuid.uuid4(), **answers)
        return case.number, created

    results = in_parallel(8, submit, 80)
    numbers = [number for number, _ in results]
    assert all(created for _, created in results)
    assert len(set(numbers)) == 80
    assert Case.objects.count() == 80


def test_parallel_intakes_share_out_the_last_free_numbers_then_refuse(
    transactional_db, users, taxonomy_terms
):
    """With 24 numbers left, 24 simultaneous intakes collide constantly: each must retry
    until it holds a number nobody else holds, and the 25th is told none are left."""
    attorney = users["attorney"]
    fill_number_space(attorney, ProceduralStage.objects.get(slug="bia"), leave_free=24)
    answers = _answers()

    def submit(i):
        return case_create(attorney=attorney, intake_token=uuid.uuid4(), **answers)[0].number

    numbers = in_parallel(8, submit, 24)
    assert sorted(numbers) == list(range(10000, 10024))
    assert case_number_usage().exhausted
    with pytest.raises(CaseNumbersExhausted):
        case_create(attorney=attorney, intake_token=uuid.uuid4(), **answers)


def test_a_double_click_sent_in_parallel_creates_one_case(
    transactional_db, users, taxonomy_terms, intake_data
):
    data = intake_data()
    attorney = users["attorney"]

    def post(i):
        client = Client()
        client.force_login(attorney)
        return client.post(reverse("cases:intake"), data)["Location"]

    locations = in_parallel(6, post, 6)
    case = Case.objects.get()
    assert set(locations) == {reverse("cases:submitted", args=[case.number])}


@pytest.mark.django_db
def test_staff_are_warned_when_nine_in_ten_numbers_are_used(staff_client, users, taxonomy_terms):
    stage = ProceduralStage.objects.get(slug="bia")
    assert "running out" not in staff_client.get(reverse("cases:staff_list")).content.decode()
    # 81,000 of 90,000 taken.
    fill_number_space(users["attorney"], stage, leave_free=9000)
    assert case_number_usage().nearly_exhausted
    page = staff_client.get(reverse("cases:staff_list")).content.decode()
    assert "Case numbers are running out" in page
    assert "81,000 of 90,000" in page
    admin = staff_client.get(reverse("admin:cases_case_changelist"), follow=True)
    assert "81000 of 90000 case numbers are in use" in admin.content.decode()
