"""SECURITY S2/S4: another attorney gets 404 on every page and file of attorney A's
documents, and never sees a trace of them on any page they can open; each list is proven to
keep its owner filter (S20)."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document
from tests.cases.factories import CaseFactory
from tests.documents.factories import DocumentFactory
from tests.test_url_matrix import ROUTES
from tests.url_matrix import World

pytestmark = pytest.mark.django_db

SENTINEL = "ZQX-DOC-SENTINEL-8821"


@pytest.fixture
def documents_of_a(make_user):
    attorney_a = make_user("attorney")
    case = CaseFactory(attorney=attorney_a)
    return [
        DocumentFactory(case=case, original_name=f"{SENTINEL} decision.pdf"),
        DocumentFactory(case=case, original_name=f"{SENTINEL} brief.pdf", share_permission="no"),
        DocumentFactory(
            case=case,
            original_name=f"{SENTINEL} motion.pdf",
            state="not_suitable",
            not_suitable_reason=f"reason {SENTINEL}",
        ),
    ]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("documents:detail", "get"),
        ("documents:file", "get"),
        ("documents:download", "get"),
        ("documents:permission", "get"),
        ("documents:permission", "post"),
        ("documents:delete", "get"),
        ("documents:delete", "post"),
    ],
)
def test_attorney_b_gets_404_on_every_page_and_file_of_as_documents(
    documents_of_a, users, name, method
):
    client = Client()
    client.force_login(users["attorney"])
    for document in documents_of_a:
        before = Document.objects.filter(pk=document.pk).values().get()
        response = getattr(client, method)(
            reverse(name, args=[document.public_id]), {"share_permission": "no"}
        )
        assert response.status_code == 404
        assert SENTINEL.encode() not in _body(response)
        assert Document.objects.filter(pk=document.pk).values().get() == before


def test_attorney_b_cannot_add_documents_to_as_case(documents_of_a, users):
    client = Client()
    client.force_login(users["attorney"])
    number = documents_of_a[0].case.number
    assert client.get(reverse("documents:add", args=[number])).status_code == 404
    assert client.post(reverse("documents:add", args=[number]), {}).status_code == 404


def test_no_page_attorney_b_can_open_mentions_as_documents(documents_of_a, users):
    client = Client()
    client.force_login(users["attorney"])
    world = World(users=users)
    opened = 0
    for route in ROUTES:
        if route.method != "get" or route.expect["attorney"] != 200:
            continue
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
        response = client.get(f"{url}?{route.query}" if route.query else url)
        assert response.status_code == 200, url
        assert SENTINEL.encode() not in _body(response), url
        for document in documents_of_a:
            assert document.public_id.encode() not in _body(response), url
        opened += 1
    assert opened >= 10


def test_two_owners_each_see_only_their_documents_on_their_case_record(users, make_user):
    attorney_b = users["attorney"]
    attorney_a = make_user("attorney")
    own = DocumentFactory(case=CaseFactory(attorney=attorney_b), original_name="mine.pdf")
    theirs = DocumentFactory(case=CaseFactory(attorney=attorney_a), original_name="theirs.pdf")
    assert set(Document.objects.for_user(attorney_b)) == {own}
    assert set(Document.objects.for_user(attorney_a)) == {theirs}
    client = Client()
    client.force_login(attorney_b)
    body = client.get(reverse("cases:detail", args=[own.case.number])).content.decode()
    assert own.public_id in body and theirs.public_id not in body


def test_an_uploader_who_no_longer_holds_the_case_loses_the_original(users, make_user):
    """`for_user` needs both: the uploader, and the case still theirs."""
    attorney = users["attorney"]
    document = DocumentFactory(case=CaseFactory(attorney=attorney))
    document.case.attorney = make_user("attorney")
    document.case.save()
    assert not Document.objects.for_user(attorney).exists()


@pytest.mark.parametrize("principal", ["anonymous", "pro_se", "expert", "clinic"])
def test_no_other_role_reaches_any_document(documents_of_a, client_for, principal):
    client = client_for(principal)
    for document in documents_of_a:
        for name in ("documents:file", "documents:download", "documents:detail"):
            response = client.get(reverse(name, args=[document.public_id]))
            assert response.status_code in (302, 403, 404)
            assert SENTINEL.encode() not in _body(response)


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("documents:staff_document", "get"),
        ("documents:staff_not_suitable", "post"),
        ("documents:staff_send_to_redaction", "post"),
    ],
)
def test_attorney_b_is_refused_every_staff_page_of_as_documents(
    documents_of_a, users, name, method
):
    client = Client()
    client.force_login(users["attorney"])
    for document in documents_of_a:
        before = Document.objects.filter(pk=document.pk).values().get()
        response = getattr(client, method)(reverse(name, args=[document.public_id]))
        assert response.status_code == 403
        assert SENTINEL.encode() not in _body(response)
        assert Document.objects.filter(pk=document.pk).values().get() == before
    queue = client.get(reverse("documents:staff_queue"))
    assert queue.status_code == 403 and SENTINEL.encode() not in queue.content
