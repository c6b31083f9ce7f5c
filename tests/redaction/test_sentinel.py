"""SECURITY S4/S11: the identifiers staff enter never reach anyone but staff on the
workbench: not another role's response on any redaction URL, not the audit trail, not the logs."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from documents.models import DocumentState
from redaction import services
from redaction.models import Redaction, RedactionState
from tests.documents.factories import DocumentFactory
from tests.factories import StaffFactory
from tests.redaction.url_matrix import ROUTES

pytestmark = pytest.mark.django_db

SENTINEL = "Zqxvelina Sentinelova"


@pytest.fixture
def redaction_with_sentinel():
    staff = StaffFactory()
    document = DocumentFactory(state=DocumentState.IN_REDACTION)
    redaction = Redaction.objects.create(
        document=document, state=RedactionState.REDACTING, page_count=2
    )
    redaction.document = document
    services.identifiers_set(
        redaction=redaction,
        actor=staff,
        identifiers=services.clean_identifiers([("name", SENTINEL)]),
    )
    Redaction.objects.filter(pk=redaction.pk).update(state=RedactionState.REDACTING)
    return redaction


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("principal", ["anonymous", "attorney", "pro_se", "expert", "clinic"])
def test_no_other_role_sees_the_identifiers_on_any_redaction_url(
    principal, redaction_with_sentinel, make_user
):
    client = Client()
    if principal != "anonymous":
        client.force_login(make_user(principal))
    public_id = redaction_with_sentinel.document.public_id
    names = {route.name for route in ROUTES}
    for name in sorted(names):
        kwargs = {"public_id": public_id}
        if name.endswith("_image"):
            kwargs["number"] = 1
        if name == "redaction:box_delete":
            kwargs["box_id"] = 1
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url, follow=True)
            assert SENTINEL.encode() not in _body(response), (principal, method, url)


def test_staff_see_them_and_nothing_else_keeps_them(redaction_with_sentinel, caplog):
    caplog.set_level(logging.DEBUG)
    staff = Client()
    staff.force_login(StaffFactory())
    url = reverse("redaction:workbench", args=[redaction_with_sentinel.document.public_id])
    response = staff.get(url)
    assert SENTINEL in response.content.decode()  # in the identifiers form, for staff
    assert response.headers["Cache-Control"] == "no-store"
    assert SENTINEL.encode() not in bytes(redaction_with_sentinel.identifiers_sealed)
    assert not any(
        SENTINEL in str(value)
        for row in AuditEvent.objects.values_list("object_id", "object_type", "action")
        for value in row
    )
    assert SENTINEL not in caplog.text
