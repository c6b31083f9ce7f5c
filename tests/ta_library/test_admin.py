"""Staff curate resources in the admin: uploads judged by content, bulk actions, preview."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ta_library.index import catalogue_index
from ta_library.models import Resource
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import ResourceFactory, ResourceTypeFactory, persecution, topic
from tests.ta_library.helpers import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Practice advisory on nexus",
        "summary": "How to prove nexus after Matter of A-B-.",
        "resource_type": ResourceTypeFactory(slug="practice-advisory").pk,
        "published_on": "2026-11-01",
        "audience": "attorneys",
        "authored_by_cgrs": "on",
        "author_name": "",
        "external_url": "",
        "video_url": "",
        "persecution_types": [persecution().pk],
        "is_published": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_add_a_pdf_resource_that_reaches_matching_libraries(staff_client, client_for, users):
    version = catalogue_index().version
    upload = SimpleUploadedFile("Advisory (final).pdf", pdf_bytes(pages=3), "application/pdf")
    response = staff_client.post(reverse("admin:ta_library_resource_add"), _form(file=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert resource.file.name.endswith(".pdf") and "Advisory" not in resource.file.name
    assert resource.first_published_at is not None
    assert catalogue_index().version != version
    case = CaseFactory(attorney=users["attorney"])
    library = client_for("attorney").get(reverse("ta_library:case_library", args=[case.number]))
    assert [c.title for c in library.context["library"].cards] == ["Practice advisory on nexus"]


def test_a_link_typed_without_a_scheme_opens_over_https(staff_client, attorney_client):
    response = staff_client.post(
        reverse("admin:ta_library_resource_add"), _form(external_url="www.example.org/guide")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    page = attorney_client.get(reverse("ta_library:resource_detail", args=[resource.pk]))
    assert 'href="https://www.example.org/guide"' in page.content.decode()


def test_a_docx_is_accepted(staff_client):
    upload = SimpleUploadedFile("motion.docx", docx_bytes(), "application/octet-stream")
    response = staff_client.post(reverse("admin:ta_library_resource_add"), _form(file=upload))
    assert response.status_code == 302
    assert Resource.objects.get().file.name.endswith(".docx")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {
                "file": SimpleUploadedFile(
                    "x.pdf", b"<html><script>alert(1)</script>", "application/pdf"
                )
            },
            "Upload a PDF or a Word",
        ),
        (
            {"file": SimpleUploadedFile("../../x.pdf", b"PK\x03\x04not a zip", "application/pdf")},
            "Upload a PDF or a Word",
        ),
        ({}, "Add the content"),
        (
            {"external_url": "https://example.org", "authored_by_cgrs": None},
            "Name the organization",
        ),
        ({"video_url": "https://example.org/video.mp4"}, "YouTube or Vimeo"),
        ({"external_url": "https://example.org", "countries": ["GT"]}, "Countries apply only"),
    ],
)
def test_bad_input_is_a_clear_form_error(staff_client, overrides, message):
    response = staff_client.post(reverse("admin:ta_library_resource_add"), _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()


def test_bulk_actions_publish_and_tag(staff_client):
    first, second = ResourceFactory(is_published=False), ResourceFactory(is_published=False)
    changelist = reverse("admin:ta_library_resource_changelist")
    staff_client.post(changelist, {"action": "publish", "_selected_action": [first.pk, second.pk]})
    assert Resource.objects.filter(is_published=True).count() == 2
    credibility = topic()
    staff_client.post(
        changelist,
        {
            "action": "add_tag",
            "tag": f"topics:{credibility.pk}",
            "_selected_action": [first.pk, second.pk],
        },
    )
    assert {r.pk for r in Resource.objects.filter(topics=credibility)} == {first.pk, second.pk}
    index = catalogue_index()
    assert len(index.bitmap("topic", credibility.pk)) == 2
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [first.pk]})
    assert len(catalogue_index()) == 1


@pytest.mark.parametrize("query", ["", "nexus", "'; drop table", "é" * 50])
def test_the_list_answers_any_search_and_links_a_preview(staff_client, query):
    resource = ResourceFactory(title="Nexus advisory", published_on=datetime.date(2025, 5, 5))
    response = staff_client.get(reverse("admin:ta_library_resource_changelist"), {"q": query})
    assert response.status_code == 200
    if query in ("", "nexus"):
        assert (
            reverse("ta_library:resource_detail", args=[resource.pk]) in response.content.decode()
        )


def test_editing_a_term_name_reaches_the_filters(staff_client, attorney_client):
    dv = persecution()
    ResourceFactory(persecution_types=[dv])
    staff_client.post(
        reverse("admin:taxonomy_persecutiontype_change", args=[dv.pk]),
        {"name": "Intimate partner violence", "slug": dv.slug, "position": 1},
    )
    html = attorney_client.get(reverse("ta_library:browse")).content.decode()
    assert "Intimate partner violence" in html


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("encrypted_pdf", "password"),
        ("javascript_pdf", "JavaScript, automatic actions"),
        ("launch_pdf", "JavaScript, automatic actions"),
        ("embedded_file_pdf", "JavaScript, automatic actions"),
        ("damaged_pdf", "could not be read"),
        ("pdf_zip_polyglot", "also contains another kind of file"),
    ],
)
def test_a_staff_upload_gets_the_same_content_checks_as_every_upload(staff_client, make, message):
    """Issue 14, item 7: library files are opened by every attorney; the case documents'
    content check (documents.files) judges them too."""
    from documents import samples

    content = getattr(samples, make)()
    upload = SimpleUploadedFile("advisory.pdf", content, "application/pdf")
    response = staff_client.post(reverse("admin:ta_library_resource_add"), _form(file=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()


def test_a_long_compendium_within_the_library_page_limit_is_accepted(staff_client):
    from documents.files import MAX_PAGES as CASE_DOCUMENT_PAGES

    upload = SimpleUploadedFile(
        "compendium.pdf", pdf_bytes(pages=CASE_DOCUMENT_PAGES + 1), "application/pdf"
    )
    response = staff_client.post(reverse("admin:ta_library_resource_add"), _form(file=upload))
    assert response.status_code == 302


def test_a_term_deleted_in_the_admin_rebuilds_the_library_filters(staff_client):
    # taxonomy's admin tells the library through taxonomy.signals.terms_changed.
    term = topic()
    version = catalogue_index().version
    response = staff_client.post(
        reverse("admin:taxonomy_topic_delete", args=[term.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert catalogue_index().version != version
