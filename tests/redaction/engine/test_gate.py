"""The gate refuses each failure mode with its own code, and nothing else; clean files pass."""

import pytest

from documents.samples import SampleParties, decision_pdf
from redaction.engine import samples
from redaction.engine.gate import check_pdf
from redaction.engine.identifiers import guess_identifier
from redaction.engine.types import Identifier

PARTIES = SampleParties()
IDENTIFIERS = [guess_identifier(value) for value in PARTIES.identifiers]

ONE_CODE = [
    (samples.text_under_box_pdf, "TEXT_UNDER_BOX"),
    (samples.invisible_text_pdf, "INVISIBLE_TEXT"),
    (samples.white_text_pdf, "INVISIBLE_TEXT"),
    (samples.clipped_text_pdf, "INVISIBLE_TEXT"),
    (samples.identifier_in_text_pdf, "IDENTIFIER_IN_TEXT"),
    (samples.identifier_in_metadata_pdf, "IDENTIFIER_IN_METADATA"),
    (samples.annotation_pdf, "ANNOTATION"),
    (samples.form_field_pdf, "FORM_FIELD"),
    (samples.attachment_pdf, "ATTACHMENT"),
    (samples.javascript_decision_pdf, "ACTION"),
    (samples.revision_pdf, "REVISION"),
    (samples.encrypted_decision_pdf, "ENCRYPTED"),
    (samples.malformed_pdf, "MALFORMED"),
]


@pytest.mark.parametrize(("make", "code"), ONE_CODE, ids=[m.__name__ for m, _ in ONE_CODE])
def test_each_failure_mode_is_refused_with_its_code_and_nothing_else(make, code):
    report = check_pdf(make(), IDENTIFIERS)

    assert not report.passed
    assert {finding.code for finding in report.findings} == {code}


def test_a_hand_redacted_decision_passes():
    report = check_pdf(samples.clean_decision_pdf(), IDENTIFIERS)

    assert report.passed, report.findings
    assert report.pages == 2
    assert report.findings == ()


def test_the_unredacted_decision_is_refused_for_its_identifiers_only():
    report = check_pdf(decision_pdf(PARTIES), IDENTIFIERS)

    codes = {finding.code for finding in report.findings}
    assert codes == {"IDENTIFIER_IN_TEXT", "IDENTIFIER_IN_METADATA"} or codes == {
        "IDENTIFIER_IN_TEXT"
    }
    assert {f.page for f in report.findings if f.code == "IDENTIFIER_IN_TEXT"} == {0}


def test_an_a_number_in_the_text_is_refused_without_any_identifier_given():
    report = check_pdf(samples.identifier_in_text_pdf())

    assert [f.code for f in report.findings] == ["IDENTIFIER_IN_TEXT"]


def test_a_name_in_the_metadata_is_found_only_when_the_name_is_given():
    # The Keywords carry the A-number (a pattern); the Title carries the name.
    data = samples.identifier_in_metadata_pdf()
    with_name = check_pdf(data, [Identifier("name", PARTIES.respondent)])
    assert [f.code for f in with_name.findings] == ["IDENTIFIER_IN_METADATA"]
    assert "2 identifier" in with_name.findings[0].detail
    without = check_pdf(data)
    assert "1 identifier" in without.findings[0].detail


def test_findings_never_carry_the_text_or_identifiers_they_found():
    reports = [check_pdf(make(), IDENTIFIERS) for make, _ in ONE_CODE]
    reports.append(check_pdf(decision_pdf(PARTIES), IDENTIFIERS))
    details = " ".join(f.detail for report in reports for f in report.findings).casefold()

    for secret in ["quintanilla", "201-555-123", "201555123", "march 14", "almendros", "witness"]:
        assert secret not in details
