"""The derivative: rebuilt from images, searchable only through its OCR layer, and clean."""

import io

import pikepdf
import pytest

from documents.samples import SampleParties, decision_pdf
from redaction.engine import samples
from redaction.engine.derivative import build_redacted_pdf, whole_page_box
from redaction.engine.detect import propose
from redaction.engine.gate import check_pdf, is_derivative
from redaction.engine.identifiers import guess_identifier
from redaction.engine.text import page_texts
from redaction.engine.types import Box, Identifier

from .conftest import needs_ocr

PARTIES = SampleParties()
IDENTIFIERS = [guess_identifier(value) for value in PARTIES.identifiers]
ENTERED = [
    Identifier("name", PARTIES.family[0]),
    Identifier("address", PARTIES.address),
    Identifier("dob", PARTIES.date_of_birth),
]
SECRETS = ["quintanilla", "201-555-123", "201555123", "march 14, 1991", "almendros", "dilcia"]


@pytest.fixture(scope="module")
def original() -> bytes:
    return decision_pdf(PARTIES)


@pytest.fixture(scope="module")
def derivative(original) -> bytes:
    proposals = propose(page_texts(original), ENTERED)
    return build_redacted_pdf(original, [p.box for p in proposals])


def all_bytes(data: bytes) -> bytes:
    """The file's bytes and every stream decoded, to search for leftovers."""
    chunks = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:  # Flate and the like decoded ...
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:  # ... images (JPEG) as stored
                    chunks.append(obj.read_raw_bytes())
    return b"\n".join(chunks)


def test_the_derivative_has_the_derivative_layout_and_no_metadata(derivative):
    with pikepdf.open(io.BytesIO(derivative)) as pdf:
        assert is_derivative(pdf)
        assert "/Info" not in pdf.trailer
        assert set(pdf.Root.keys()) == {"/Type", "/Pages"}
        assert all("/Annots" not in page.obj for page in pdf.pages)
    assert derivative.count(b"startxref") == 1


@needs_ocr
def test_the_derivative_passes_the_gate_with_the_identifiers(derivative):
    report = check_pdf(derivative, IDENTIFIERS)
    assert report.passed, report.findings


@needs_ocr
def test_the_derivative_is_searchable_through_its_ocr_layer(derivative):
    text = " ".join(page.text for page in page_texts(derivative, ocr=False))
    assert "IMMIGRATION" in text and "persecution" in text


@needs_ocr
def test_the_derivative_has_no_identifier_in_text_ocr_metadata_or_bytes(derivative):
    layer = " ".join(page.text for page in page_texts(derivative, ocr=False)).casefold()
    # OCR of the served page images, read afresh (not the layer the builder wrote).
    images_only = build_redacted_pdf(derivative, [])
    ocr_text = " ".join(page.text for page in page_texts(images_only)).casefold()
    raw = all_bytes(derivative).lower()
    for secret in SECRETS:
        assert secret not in layer
        assert secret not in ocr_text
        assert secret.encode() not in raw


def test_the_original_text_does_not_pass_through(derivative):
    # All text is in the marked OCR layer, in render mode 3, over one image: nothing else.
    with pikepdf.open(io.BytesIO(derivative)) as pdf:
        for page in pdf.pages:
            ops = [str(op.operator) for op in pikepdf.parse_content_stream(page)]
            assert ops[:4] == ["q", "cm", "Do", "Q"]
            assert set(ops[4:]) <= {"BMC", "BT", "Tr", "Tf", "Tz", "Tm", "Tj", "ET", "EMC"}


def test_a_whole_page_box_blanks_the_page(original):
    data = build_redacted_pdf(original, [whole_page_box(original, 1)])
    assert page_texts(data, ocr=False)[1].words == ()


def test_boxes_on_pages_the_file_does_not_have_are_refused(original):
    with pytest.raises(ValueError):
        build_redacted_pdf(original, [Box(5, 0, 0, 10, 10)])


def test_a_file_that_only_looks_like_a_derivative_is_not_trusted(derivative):
    def add_annotation(pdf):
        pdf.pages[0].Annots = pdf.make_indirect([])

    for change in (
        lambda pdf: pdf.Root.__setitem__("/Lang", pikepdf.String("en")),
        add_annotation,
    ):
        with pikepdf.open(io.BytesIO(derivative)) as pdf:
            change(pdf)
            out = io.BytesIO()
            pdf.save(out)
        with pikepdf.open(io.BytesIO(out.getvalue())) as changed:
            assert not is_derivative(changed)
    with pikepdf.open(io.BytesIO(samples.invisible_text_pdf())) as pdf:
        assert not is_derivative(pdf)


def test_invisible_text_in_a_non_derivative_is_refused(derivative):
    # The same pages with one more object: the OCR layer is no longer trusted.
    with pikepdf.open(io.BytesIO(derivative)) as pdf:
        pdf.Root.Lang = pikepdf.String("en")
        out = io.BytesIO()
        pdf.save(out)
    report = check_pdf(out.getvalue())
    assert "INVISIBLE_TEXT" in {f.code for f in report.findings}
