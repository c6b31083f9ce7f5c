"""Keeping a listing through the pages, and staff vetting it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from experts.models import EventKind, Listing, ListingStatus
from tests.experts.factories import ListingFactory
from tests.experts.pdfs import pdf_bytes, upload
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db


def test_an_expert_creates_edits_and_submits_a_listing(client_for, users, listing_data):
    client = client_for("expert")
    page = client.get(reverse("experts:my_listing"))
    assert b"Create your listing" in page.content
    response = client.post(
        reverse("experts:listing_edit"), {**listing_data(), "cv": upload(pdf_bytes())}
    )
    assert response.status_code == 302
    listing = Listing.objects.get(owner=users["expert"])
    assert listing.status == ListingStatus.DRAFT
    assert listing.countries == ["GT", "HN"]
    assert listing.other_topics == ["Indigenous communities", "Police corruption"]
    assert [t.slug for t in listing.topics.all()] == ["domestic-violence"]
    assert listing.accepting_now
    # The edit form comes back filled in.
    edit = client.get(reverse("experts:listing_edit")).content.decode()
    assert "Dr. Lucía Ortega" in edit and "Police corruption" in edit
    client.post(reverse("experts:listing_submit"))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    page = client.get(reverse("experts:my_listing")).content.decode()
    assert "Submitted for review" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"countries": ["ZZ"]}, "countries", "Choose countries from the list."),
        ({"countries": []}, "countries", "Choose at least one country"),
        (
            {"expert_types": "mental_health"},
            "countries",
            "Countries of expertise apply only to country conditions experts",
        ),
        ({"website": "javascript:alert(1)"}, "website", "Enter a web address"),
        ({"website": "not a url"}, "website", "Enter a web address"),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number"),
        ({"phone": "12"}, "phone", "Enter a phone number"),
        ({"contact_email": "nope"}, "contact_email", "Enter a valid email address"),
        ({"languages": ["tlh"]}, "languages", "Choose languages from the list."),
        ({"topics": ["999999"]}, "topics", "Choose from the listed topics."),
        ({"topics": ["abc"]}, "topics", "Choose from the listed topics."),
        ({"testimony_count": "-3"}, "testimony_count", "greater than or equal to 0"),
        (
            {"works_remotely": None, "in_person_states": []},
            "works_remotely",
            "Say where you can work",
        ),
        ({"in_person_states": ["XX"]}, "in_person_states", "Choose states from the list."),
        ({"expert_types": "astrology"}, "expert_types", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_everything_else(
    client_for, users, listing_data, overrides, field, message
):
    response = client_for("expert").post(reverse("experts:listing_edit"), listing_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert "Dr. Lucía Ortega" in response.content.decode()
    assert not Listing.objects.filter(owner=users["expert"]).exists()


def test_editing_a_listed_profile(client_for, users, listing_data):
    listing = ListingFactory(owner=users["expert"], display_name="Dr. Lucía Ortega", with_cv=True)
    client = client_for("expert")
    # Contact details as they are: a change to them is reviewed again (S16).
    data = listing_data(
        credentials=listing.credentials,
        countries=["GT"],
        contact_email=listing.contact_email,
        phone=listing.phone,
        website=listing.website,
    )
    response = client.post(reverse("experts:listing_edit"), data, follow=True)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
    assert b"Your changes were saved." in response.content
    response = client.post(
        reverse("experts:listing_edit"), {**data, "credentials": "MD, psychiatrist"}, follow=True
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    assert b"will review your listing again" in response.content
    # Out of search until approved again.
    search = client_for("attorney").get(reverse("experts:search") + "?type=country_conditions")
    assert b"Dr. Luc" not in search.content


def test_a_clinic_representative_keeps_the_clinic_listing(client_for, users, listing_data):
    client = client_for("clinic")
    data = listing_data(expert_types=["mental_health", "medical"], countries=[])
    response = client.post(reverse("experts:listing_edit"), data)
    assert response.status_code == 302
    listing = Listing.objects.get(organization=users["clinic"].organization)
    assert listing.is_clinic and listing.expert_types == ["mental_health", "medical"]
    client.post(reverse("experts:listing_submit"))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    # A colleague at the same clinic sees and edits the same listing.
    colleague = ClinicFactory(organization=users["clinic"].organization)
    other = Client()
    other.force_login(colleague)
    assert b"Submitted for review" in other.get(reverse("experts:my_listing")).content


def test_a_clinic_account_without_a_clinic_cannot_create_a_listing(listing_data):
    representative = ClinicFactory(organization=None)
    client = Client()
    client.force_login(representative)
    response = client.post(reverse("experts:listing_edit"), listing_data(countries=[]))
    assert response.status_code == 302
    assert not Listing.objects.exists()


def test_my_account_shows_the_listing_status_and_links(client_for, users):
    client = client_for("expert")
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert "Create your listing" in page
    ListingFactory(
        owner=users["expert"], status=ListingStatus.CHANGES_REQUESTED, staff_notes="Add courts."
    )
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert "Needs changes" in page and "Add courts." in page
    assert reverse("experts:listing_edit") in page
    assert "My listing in the Expert Witness Database" in page


def test_navigation_links_by_role(client_for):
    assert b'href="/experts/listing/"' in client_for("expert").get("/").content
    assert b'href="/experts/listing/"' in client_for("clinic").get("/").content
    attorney = client_for("attorney").get("/").content
    assert b'href="/experts/"' in attorney and b'href="/experts/listing/"' not in attorney
    assert b'href="/experts/staff/"' in client_for("staff").get("/").content
    assert b'href="/experts/"' not in client_for("pro_se").get("/").content


CHECKED = {"credentials_checked": "on", "references_checked": "on", "cv_reviewed": "on"}


def test_staff_vet_from_the_queue(client_for, users, django_capture_on_commit_callbacks):
    listing = ListingFactory(
        owner=users["expert"], status=ListingStatus.SUBMITTED, display_name="Dr. Queue"
    )
    staff = client_for("staff")
    queue = staff.get(reverse("experts:staff_queue")).content.decode()
    assert "Dr. Queue" in queue
    url = reverse("experts:staff_review", args=[listing.pk])
    # Approving without the checklist is refused with a message.
    response = staff.post(url, {"decision": "approve"})
    assert response.status_code == 200
    assert b"Complete the vetting checklist" in response.content
    # Asking for changes needs notes.
    response = staff.post(url, {"decision": "request_changes"})
    assert b"Tell the expert what to change" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {**CHECKED, "decision": "approve", "notes": "Welcome."})
    assert response.status_code == 302
    # The confirmation says who is told, not just "the keeper".
    told = staff.get(response["Location"]).content.decode()
    assert f"{users['expert'].email} will be emailed." in told
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
    event = listing.events.get(kind=EventKind.APPROVED)
    assert event.checklist == {
        "credentials_checked": True,
        "references_checked": True,
        "cv_reviewed": True,
    }
    assert event.actor == users["staff"]
    assert mail.outbox[0].to == [users["expert"].email]
    # Deciding twice is refused, not a 500.
    response = staff.post(url, {**CHECKED, "decision": "reject", "notes": "x"}, follow=True)
    assert response.status_code == 200
    assert b"not waiting for review" in response.content


def test_staff_without_two_factor_are_sent_to_set_it_up(make_user):
    staff = make_user("staff", two_factor=False)
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("experts:staff_queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_saving_the_form_unchanged_logs_nothing(client_for, users, listing_data):
    client = client_for("expert")
    client.post(reverse("experts:listing_edit"), listing_data(languages=["es", "en"]))
    listing = Listing.objects.get(owner=users["expert"])
    assert listing.languages == ["en", "es"]
    events = listing.events.count()
    # The same answers in another order are the same answers.
    response = client.post(
        reverse("experts:listing_edit"),
        listing_data(languages=["en", "es"], countries=["HN", "GT"]),
        follow=True,
    )
    assert b"Nothing was changed." in response.content
    assert listing.events.count() == events
