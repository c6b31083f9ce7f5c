"""SECURITY S2: attorney B never sees anything of attorney A's case, on any page B can open."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from outcomes.models import Outcome
from tests.cases.factories import CaseFactory, DeadlineFactory
from tests.outcomes.factories import OutcomeFactory
from tests.test_url_matrix import ROUTES
from tests.url_matrix import World

pytestmark = pytest.mark.django_db

SENTINEL = "ZQX-SENTINEL-4417"


@pytest.fixture
def case_of_a(make_user, taxonomy_terms):
    attorney_a = make_user("attorney")
    case = CaseFactory(attorney=attorney_a, notes=f"notes {SENTINEL}", country_of_origin="ER")
    DeadlineFactory(case=case, description=f"deadline {SENTINEL}")
    OutcomeFactory(
        case=case,
        notes=f"outcome {SENTINEL}",
        location=f"court {SENTINEL}",
        psg_formulations=[f"psg {SENTINEL}"],
        decided_on=datetime.date(2025, 1, 2),
    )
    return case


def _body(response) -> bytes:
    # File downloads stream; their bytes count as much as a page's.
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_no_page_attorney_b_can_open_shows_attorney_as_case(case_of_a, users):
    attorney_b = users["attorney"]
    client = Client()
    client.force_login(attorney_b)
    # Attorney B's own world: each route builder creates B's own objects.
    world = World(users=users)
    opened = 0
    for route in ROUTES:
        if route.method != "get" or route.expect["attorney"] != 200:
            continue
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        response = client.get(f"{url}?{route.query}" if route.query else url)
        assert response.status_code == 200, url
        assert SENTINEL.encode() not in _body(response), url
        opened += 1
    assert opened >= 5


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("cases:detail", "get"),
        ("cases:submitted", "get"),
        ("cases:edit", "get"),
        ("cases:edit", "post"),
        ("outcomes:create", "get"),
        ("outcomes:create", "post"),
        ("ta_library:case_library", "get"),
    ],
)
def test_attorney_b_gets_404_on_every_page_of_attorney_as_case(case_of_a, users, name, method):
    client = Client()
    client.force_login(users["attorney"])
    before = (Case.objects.get(pk=case_of_a.pk).updated_at, Outcome.objects.count())
    response = getattr(client, method)(reverse(name, args=[case_of_a.number]), {"notes": "x"})
    assert response.status_code == 404
    assert SENTINEL not in response.content.decode()
    assert (Case.objects.get(pk=case_of_a.pk).updated_at, Outcome.objects.count()) == before
