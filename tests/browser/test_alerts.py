"""Case alerts in a real Chromium: an attorney turns alerts on for a case, staff publish a
matching resource, the digest (read from the test mail outbox) links to the list page,
which shows it with why it matched; the email's unsubscribe link opens a page whose one
button turns alerts off (opening the link alone changes nothing)."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

import devtools.demo.taxonomy
from alerts.tasks import build_digests
from cases.models import AlertFrequency, Case
from ta_library.services import resource_create, resources_set_published
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, AttorneyFactory


@pytest.fixture
def case(transactional_db):
    devtools.demo.taxonomy.load(lambda message: None)
    attorney = AttorneyFactory(email="counsel@example.net")
    return CaseFactory(
        attorney=attorney,
        country_of_origin="GT",
        persecution_types=list(PersecutionType.objects.filter(slug="domestic-violence")),
        protection_types=list(ProtectionType.objects.filter(slug="asylum")),
        procedural_stage=ProceduralStage.objects.get(slug="immigration-court"),
        alert_frequency=AlertFrequency.OFF,
    )


def _link(body: str, path: str) -> str:
    return re.search(rf"http://\S+({re.escape(path)}\S*)", body).group(1)


def test_alerts_on_a_digest_leads_to_the_new_resource_and_its_link_turns_alerts_off(
    page, sign_in, case
):
    sign_in("counsel@example.net", PASSWORD)
    page.goto(f"/cases/{case.number}/")
    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Save alert setting").click()
    expect(page.get_by_text("Alert setting saved.")).to_be_visible()
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.WEEKLY

    # Staff publish a matching resource (the admin's bulk action calls this service).
    brief = resource_create(
        title="Domestic violence brief for the immigration court",
        summary="A sample brief.",
        resource_type=ResourceType.objects.get(slug="sample-brief"),
        published_on=datetime.date(2026, 11, 30),
        external_url="https://example.org/brief",
        persecution_types=PersecutionType.objects.filter(slug="domestic-violence"),
    )
    resources_set_published(resource_ids=[brief.pk], published=True)
    assert len(build_digests(AlertFrequency.WEEKLY)) == 1
    (email,) = mail.outbox
    assert email.subject.endswith("1 new resource for your cases")
    assert str(case.number) not in email.body

    page.goto(_link(email.body, "/alerts/"))
    expect(page.get_by_role("heading", name=f"Case {case.number}")).to_be_visible()
    card = page.locator("li.card", has_text="Domestic violence brief for the immigration court")
    expect(card).to_contain_text("Domestic violence")
    # The case's library marks the same resource new.
    page.get_by_role("link", name=f"Open the TA Library for case {case.number}").click()
    library_card = page.locator(
        "li.library-card", has_text="Domestic violence brief for the immigration court"
    )
    expect(library_card).to_contain_text("New since your last visit")

    # The unsubscribe link: opening it changes nothing; the button turns alerts off.
    page.goto(_link(email.body, "/alerts/unsubscribe/"))
    expect(page.get_by_role("button", name="Turn off case alerts")).to_be_visible()
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.WEEKLY
    page.get_by_role("button", name="Turn off case alerts").click()
    expect(page.get_by_text("Alerts are off for all your cases.")).to_be_visible()
    assert Case.objects.get(pk=case.pk).alert_frequency == AlertFrequency.OFF
