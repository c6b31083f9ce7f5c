"""SECURITY S2/S20: another attorney gets 404 on every page of attorney A's requests and
never sees a trace of them on any page they can open; each list is proven to keep its owner
filter (it fails if the list query loses it)."""

import pytest
from django.test import Client
from django.urls import reverse

from ta_requests.models import TARequest
from ta_requests.selectors import requests_for_attorney
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.ta_requests.factories import TARequestFactory
from tests.test_url_matrix import ROUTES
from tests.url_matrix import World

pytestmark = pytest.mark.django_db

SENTINEL = "ZQX-HELP-SENTINEL-4417"


@pytest.fixture
def requests_of_a(make_user, users):
    attorney_a = make_user("attorney")
    case = CaseFactory(attorney=attorney_a, notes=SENTINEL)
    document = DocumentFactory(case=case, original_name=f"{SENTINEL}.pdf")
    asked = TARequestFactory(case=case, question=f"Question {SENTINEL}", deadline_note=SENTINEL)
    asked.documents.add(document)
    declined = TARequestFactory(
        case=case, status="declined", decline_reason=f"Reason {SENTINEL}", question=SENTINEL
    )
    return [asked, declined]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("ta_requests:detail", "get"),
        ("ta_requests:detail", "post"),
        ("ta_requests:withdraw", "get"),
        ("ta_requests:withdraw", "post"),
    ],
)
def test_attorney_b_gets_404_on_every_page_of_as_requests(requests_of_a, users, name, method):
    client = Client()
    client.force_login(users["attorney"])
    for ta_request in requests_of_a:
        before = TARequest.objects.filter(pk=ta_request.pk).values().get()
        response = getattr(client, method)(reverse(name, args=[ta_request.pk]), {"body": "hello"})
        assert response.status_code == 404
        assert SENTINEL.encode() not in response.content
        assert TARequest.objects.filter(pk=ta_request.pk).values().get() == before
        assert not ta_request.messages.exists()


def test_attorney_b_cannot_ask_on_as_case(requests_of_a, users):
    client = Client()
    client.force_login(users["attorney"])
    number = requests_of_a[0].case.number
    assert client.get(reverse("ta_requests:create", args=[number])).status_code == 404
    assert client.post(reverse("ta_requests:create", args=[number]), {}).status_code == 404
    assert client.get(reverse("ta_requests:choose_case"), {"case": number}).status_code == 302


def test_no_page_attorney_b_can_open_mentions_as_requests(requests_of_a, users):
    client = Client()
    client.force_login(users["attorney"])
    TARequestFactory(case=CaseFactory(attorney=users["attorney"]))  # B's own, for the lists
    world = World(users=users)
    opened = 0
    for route in ROUTES:
        if route.method != "get" or route.expect["attorney"] != 200:
            continue
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        response = client.get(f"{url}?{route.query}" if route.query else url)
        if response.streaming:
            continue
        assert response.status_code == 200, url
        assert SENTINEL.encode() not in response.content, url
        for ta_request in requests_of_a:
            assert f'data-ta-request="{ta_request.pk}"'.encode() not in response.content, url
        opened += 1
    assert opened >= 15


def test_the_attorneys_list_keeps_its_owner_filter(requests_of_a, users):
    """Fails if `requests_for_attorney` loses its owner filter (S20)."""
    mine = TARequestFactory(case=CaseFactory(attorney=users["attorney"]))
    assert list(requests_for_attorney(users["attorney"])) == [mine]
    assert requests_for_attorney(users["attorney"]).count() == 1
    assert set(TARequest.objects.for_user(users["attorney"])) == {mine}


def test_a_request_of_a_case_that_changed_hands_is_no_longer_the_askers(users, make_user):
    ta_request = TARequestFactory(case=CaseFactory(attorney=users["attorney"]))
    ta_request.case.attorney = make_user("attorney")
    ta_request.case.save()
    assert not TARequest.objects.for_user(users["attorney"]).exists()
    assert not requests_for_attorney(users["attorney"]).exists()


@pytest.mark.parametrize("principal", ["anonymous", "pro_se", "expert", "clinic"])
def test_no_other_role_reaches_any_request(requests_of_a, client_for, principal):
    client = client_for(principal)
    for ta_request in requests_of_a:
        for name in ("ta_requests:detail", "ta_requests:staff_detail", "ta_requests:withdraw"):
            response = client.get(reverse(name, args=[ta_request.pk]))
            assert response.status_code in (302, 403)
            assert SENTINEL.encode() not in response.content
