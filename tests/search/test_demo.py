"""The demo loader indexes what is not indexed yet, builds the vocabulary, and is idempotent."""

import pytest

import devtools.demo.search
from search.models import Extraction, Passage, SearchDocument, VocabularyWord
from tests.search.documents import docx_with_paragraphs, pdf_with_pages

pytestmark = pytest.mark.django_db


def test_demo_load_indexes_everything_once(make_resource):
    pdf = make_resource("Demo compendium", "Summary.", file=pdf_with_pages(["Eritrea page."] * 3))
    docx = make_resource(
        "Demo template", "", file=docx_with_paragraphs(["Cameroon text."]), name="t.docx"
    )
    link = make_resource("Demo webinar", "Recorded.")
    messages = []
    devtools.demo.search.load(messages.append)
    assert SearchDocument.objects.count() == 3
    assert Extraction.objects.get(pk=pdf.pk).pages == 3
    assert Passage.objects.filter(resource=docx).exists()
    assert Extraction.objects.get(pk=link.pk).status == "no_file"
    assert VocabularyWord.objects.filter(word="eritrea").exists()
    assert any("pages/s" in message for message in messages)
    extracted_at = {e.pk: e.extracted_at for e in Extraction.objects.all()}
    passages = set(Passage.objects.values_list("pk", flat=True))
    messages.clear()
    devtools.demo.search.load(messages.append)
    assert {e.pk: e.extracted_at for e in Extraction.objects.all()} == extracted_at
    assert set(Passage.objects.values_list("pk", flat=True)) == passages
    assert not any("indexed" in message for message in messages)


def test_index_library_catches_up_and_every_extracts_again(make_resource):
    from io import StringIO

    from django.core.management import call_command

    pdf = make_resource("Compendium", "Summary.", file=pdf_with_pages(["Eritrea page."] * 4))
    out = StringIO()
    call_command("index_library", stdout=out)
    assert "4 pages" in out.getvalue() and "pages/s extraction" in out.getvalue()
    first = Extraction.objects.get(pk=pdf.pk)
    assert (first.status, first.pages) == ("extracted", 4)

    out = StringIO()
    call_command("index_library", stdout=out)
    assert "nothing to index" in out.getvalue()
    assert Extraction.objects.get(pk=pdf.pk).extracted_at == first.extracted_at

    out = StringIO()
    call_command("index_library", "--every", stdout=out)
    assert "indexed 1 resources, 4 pages" in out.getvalue()
    assert Extraction.objects.get(pk=pdf.pk).extracted_at > first.extracted_at
