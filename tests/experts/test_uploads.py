"""CV uploads (SECURITY S7): PDFs judged by content, limits, clear errors, random names, and
downloads with the right headers to the right people only."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from experts.files import CV_MAX_BYTES
from experts.models import Listing
from tests.experts.factories import ListingFactory
from tests.experts.pdfs import encrypted_pdf_bytes, malformed_pdf_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _post(client, data, cv):
    return client.post(reverse("experts:listing_edit"), {**data, "cv": cv})


def test_a_real_pdf_is_stored_under_a_random_name(client_for, users, listing_data):
    response = _post(client_for("expert"), listing_data(), upload(pdf_bytes(), "../../x.pdf"))
    assert response.status_code == 302
    listing = Listing.objects.get(owner=users["expert"])
    assert listing.cv.name.startswith("experts/cv/")
    assert "x.pdf" not in listing.cv.name and ".." not in listing.cv.name
    assert default_storage.exists(listing.cv.name)
    with listing.cv.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "cv.pdf", "not a PDF"),
        (encrypted_pdf_bytes(), "cv.pdf", "password-protected"),
        (malformed_pdf_bytes(), "cv.pdf", "could not be read"),
        (b"", "cv.pdf", "empty"),
        (b"%PDF-1.4\n" + b"0" * (CV_MAX_BYTES + 1), "cv.pdf", "larger than 10 MB"),
    ],
    ids=["html-renamed-pdf", "encrypted", "malformed", "empty", "oversize"],
)
def test_a_bad_cv_is_refused_with_a_clear_message_and_the_rest_kept(
    client_for, users, listing_data, content, name, message
):
    response = _post(client_for("expert"), listing_data(), upload(content, name))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    # The other answers are kept in the form.
    assert "Dr. Lucía Ortega" in body
    assert not Listing.objects.filter(owner=users["expert"]).exists()


@pytest.mark.parametrize("make", ["javascript_pdf", "launch_pdf", "embedded_file_pdf"])
def test_a_cv_with_active_content_is_refused(client_for, users, listing_data, make):
    """Issue 14, item 7: attorneys download CVs; one carrying JavaScript, a launch action or
    an embedded file is refused with a message that says what to do."""
    from documents import samples

    content = getattr(samples, make)(pdf_bytes("Curriculum vitae of Dr. Lucía Ortega"))
    response = _post(client_for("expert"), listing_data(), upload(content))
    assert response.status_code == 200
    body = response.content.decode()
    assert "JavaScript, automatic actions or attached files" in body
    assert "Dr. Lucía Ortega" in body
    assert not Listing.objects.filter(owner=users["expert"]).exists()


def test_a_replaced_cv_of_a_listed_profile_goes_back_to_review(users):
    from experts.models import ListingStatus
    from experts.services.listing import listing_update
    from tests.experts.test_services import _details

    listing = ListingFactory(owner=users["expert"], with_cv=True)
    listing_update(
        listing=listing,
        editor=users["expert"],
        details=_details(listing),
        cv=upload(pdf_bytes("A new CV")),
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_a_replaced_cv_is_deleted_after_commit(
    client_for, users, listing_data, django_capture_on_commit_callbacks
):
    client = client_for("expert")
    _post(client, listing_data(), upload(pdf_bytes("first")))
    first = Listing.objects.get(owner=users["expert"]).cv.name
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, listing_data(), upload(pdf_bytes("second")))
    second = Listing.objects.get(owner=users["expert"]).cv.name
    assert first != second
    assert default_storage.exists(second)
    assert not default_storage.exists(first)


def test_cv_download_headers(client_for, users):
    listing = ListingFactory(with_cv=True)
    response = client_for("attorney").get(reverse("experts:cv", args=[listing.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_owner_downloads_own_unlisted_cv_and_nobody_else_but_staff(client_for, users, make_user):
    listing = ListingFactory(owner=users["expert"], status="draft", with_cv=True)
    url = reverse("experts:cv", args=[listing.pk])
    assert client_for("expert").get(url).status_code == 200
    assert client_for("staff").get(url).status_code == 200
    assert client_for("attorney").get(url).status_code == 404
    other_expert = make_user("expert")
    from django.test import Client

    other = Client()
    other.force_login(other_expert)
    assert other.get(url).status_code == 404


def test_clinic_listing_form_has_no_cv_field(client_for):
    response = client_for("clinic").get(reverse("experts:listing_edit"))
    assert response.status_code == 200
    assert b'name="cv"' not in response.content
