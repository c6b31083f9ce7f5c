"""Staff see the extraction status of every file and can run extraction again."""

import pytest
from django.urls import reverse

from search.models import Extraction, ExtractionStatus, SynonymGroup
from search.services import resource_index
from ta_library.models import Resource
from tests.search.documents import encrypted_pdf, pdf_with_pages, pdf_without_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def extracted(make_resource):
    resources = [
        make_resource(
            "Readable",
            "",
            file=pdf_with_pages(["The first page of text.", "The second page of text."]),
        ),
        make_resource("Scan", "", file=pdf_without_text()),
        make_resource("Locked", "", file=encrypted_pdf()),
    ]
    for resource in resources:
        resource_index(resource_id=resource.pk)
    return resources


def test_staff_see_status_pages_characters_and_reasons(staff_client, extracted):
    response = staff_client.get(reverse("admin:search_extraction_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Extracted" in html and "needs OCR" in html and "Failed" in html
    assert "The file is encrypted" in html
    only_failed = staff_client.get(
        reverse("admin:search_extraction_changelist"), {"status__exact": "failed"}
    ).content.decode()
    assert "Locked" in only_failed and "Readable" not in only_failed


def test_staff_can_run_extraction_again(
    staff_client, extracted, django_capture_on_commit_callbacks
):
    readable = extracted[0]
    before = Extraction.objects.get(pk=readable.pk).extracted_at
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:search_extraction_changelist"),
            {"action": "rerun_extraction", "_selected_action": [readable.pk]},
        )
    assert response.status_code == 302
    after = Extraction.objects.get(pk=readable.pk)
    assert after.status == ExtractionStatus.EXTRACTED and after.extracted_at > before


def test_the_field_acronyms_are_there_and_staff_edit_them(staff_client):
    terms = " ".join(SynonymGroup.objects.values_list("terms", flat=True))
    for acronym in ["PSG", "CAT", "IJ", "BIA", "NTA", "FGM/C", "DV"]:
        assert acronym in terms
    response = staff_client.post(
        reverse("admin:search_synonymgroup_add"),
        {"terms": "SIV, special immigrant visa", "is_active": "on"},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="SIV, special immigrant visa").exists()


@pytest.mark.parametrize("principal", ["attorney", "anonymous"])
def test_others_do_not_see_extraction_records(client_for, principal, extracted):
    response = client_for(principal).get(reverse("admin:search_extraction_changelist"))
    assert response.status_code == 302


@pytest.mark.parametrize("how", ["delete view", "bulk delete action"])
def test_deleting_resources_bumps_both_versions_so_no_search_serves_them(
    staff_client, make_resource, monkeypatch, how
):
    from search.models import IndexState
    from search.selectors import matching as search
    from ta_library.index import current_version

    monkeypatch.setattr(search._RESULTS, "size", 32)  # the result cache on, whatever the env
    search._RESULTS.clear()
    kept = make_resource("Asylum guide one", "Asylum.")
    gone = [make_resource(f"Asylum guide {n}", "Asylum.") for n in (2, 3)]
    for resource in (kept, *gone):
        resource_index(resource_id=resource.pk)
    assert set(search.keyword_match("asylum").ids) == {kept.pk, *(r.pk for r in gone)}
    catalogue, index_state = current_version(), IndexState.objects.get(pk=1).index_changed_at
    if how == "delete view":
        for resource in gone:
            url = reverse("admin:ta_library_resource_delete", args=[resource.pk])
            assert staff_client.post(url, {"post": "yes"}).status_code == 302
    else:
        response = staff_client.post(
            reverse("admin:ta_library_resource_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [r.pk for r in gone],
                "post": "yes",
            },
        )
        assert response.status_code == 302
    assert not Resource.objects.filter(pk__in=[r.pk for r in gone]).exists()
    assert current_version() != catalogue
    assert IndexState.objects.get(pk=1).index_changed_at > index_state
    assert list(search.keyword_match("asylum").ids) == [kept.pk]
