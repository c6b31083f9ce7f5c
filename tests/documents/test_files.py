"""SECURITY S7: uploads judged by content, with real generated files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import samples
from documents.files import MAX_BYTES, FileRefused, check_bytes, check_document


def test_a_real_decision_pdf_is_accepted_with_its_pages_and_no_flags():
    checked = check_bytes(samples.decision_pdf(pages=3))
    assert checked.file_format == "pdf"
    assert checked.page_count >= 3
    assert not any(checked.flags.values())
    assert len(checked.sha256) == 64


def test_the_generated_decision_reads_like_an_immigration_court_decision():
    import pypdfium2

    parties = samples.SampleParties()
    document = pypdfium2.PdfDocument(samples.decision_pdf(parties))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    for expected in (
        "UNITED STATES DEPARTMENT OF JUSTICE",
        "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
        "IMMIGRATION COURT",
        "IN THE MATTER OF",
        "ON BEHALF OF RESPONDENT",
        parties.respondent,
        parties.a_number,
    ):
        assert expected in text


def test_a_real_docx_is_accepted():
    checked = check_bytes(samples.brief_docx())
    assert checked.file_format == "docx"
    assert not any(checked.flags.values())


def test_an_uploaded_file_is_judged_by_content_not_its_name_or_type():
    upload = SimpleUploadedFile(
        "../../brief.pdf", samples.brief_docx(), content_type="application/pdf"
    )
    assert check_document(upload).file_format == "docx"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (samples.html_named_pdf, "not a PDF or a Word"),
        (samples.encrypted_pdf, "password-protected"),
        (samples.zero_page_pdf, "no pages"),
        (lambda: samples.many_pages_pdf(301), "301 pages; the limit is 300"),
        (lambda: samples.oversize_pdf(MAX_BYTES), "larger than 25 MB"),
        (samples.pdf_zip_polyglot, "also contains another kind of file"),
        (samples.damaged_pdf, "could not be read"),
        (lambda: b"", "empty"),
        (lambda: b"PK\x03\x04not really a zip", "not a PDF or a Word"),
    ],
    ids=[
        "html-renamed",
        "encrypted",
        "zero-pages",
        "301-pages",
        "over-25MB",
        "polyglot",
        "damaged",
        "empty",
        "broken-zip",
    ],
)
def test_refused_files_say_why(make, message):
    with pytest.raises(FileRefused) as refusal:
        check_bytes(make())
    assert message in str(refusal.value)


def test_an_oversize_upload_is_refused_before_it_is_read():
    class Huge(io.BytesIO):
        size = MAX_BYTES + 1

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read an oversize upload")

    with pytest.raises(FileRefused):
        check_document(Huge())


def test_exactly_300_pages_is_accepted():
    assert check_bytes(samples.many_pages_pdf(300)).page_count == 300


@pytest.mark.parametrize(
    ("make", "flag"),
    [
        (samples.javascript_pdf, "has_javascript"),
        (samples.launch_pdf, "has_launch_action"),
        (samples.embedded_file_pdf, "has_embedded_files"),
    ],
)
def test_active_content_is_accepted_but_flagged(make, flag):
    checked = check_bytes(make())
    assert checked.flags[flag]


def test_a_plain_jump_open_action_is_not_flagged():
    import pikepdf

    def jump(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    data = samples._rewrite(samples.decision_pdf(), jump)
    assert not check_bytes(data).has_launch_action
