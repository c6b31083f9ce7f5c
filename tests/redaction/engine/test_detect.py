"""Assisted detection on the words of real generated decisions."""

import pytest

from documents.samples import SampleParties, decision_pdf
from redaction.engine.detect import line_boxes, occurrences, propose
from redaction.engine.text import page_texts
from redaction.engine.types import Box, Identifier, PageText, Word


def page_of(*lines: str) -> PageText:
    """Words laid out line by line, 6 points per character, 14 points per line."""
    words = []
    for row, line in enumerate(lines):
        x = 72.0
        for token in line.split(" "):
            words.append(Word(token, x, 100 + row * 14, x + 6 * len(token), 110 + row * 14))
            x += 6 * (len(token) + 1)
    return PageText(0, 612, 792, tuple(words), "text")


def proposed(page: PageText, identifiers=()):
    return {(p.text, p.reason) for p in propose([page], list(identifiers))}


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Respondent A123456789 appeared", "A123456789"),
        ("Respondent A 123 456 789 appeared", "A 123 456 789"),
        ("Respondent A-123-456-789 appeared", "A-123-456-789"),
        ("Respondent A123-456-789 appeared", "A123-456-789"),
        ("Respondent A# 123-456-789 appeared", "A# 123-456-789"),
        ("A-Number: 123456789", "123456789"),
        ("File No.: A 201-555-123", "A 201-555-123"),
        ("legacy file A12345678 closed", "A12345678"),
        ("padded A012345678 here", "A012345678"),
        ("con número A 201555123 en", "201555123"),
    ],
)
def test_every_written_form_of_an_a_number_is_proposed(line, number):
    assert (number, "A-number") in proposed(page_of(line))


def test_ordinary_numbers_are_not_a_numbers():
    page = page_of("Section 212(a)(6)(A)(i) of the Act; Form I-589 filed 2019; 8 U.S.C. 1158")
    assert not [p for p in propose([page], []) if p.kind == "a_number"]


def test_caption_names_dates_of_birth_phones_emails_and_addresses():
    page = page_of(
        "IN THE MATTER OF: Marisol QUINTANILLA ORTEGA, RESPONDENT",
        "ON BEHALF OF RESPONDENT: Jordan Alvarado, Esq.",
        "She was born on March 14, 1991 in Escuintla.",
        "fecha de nacimiento: 14 de marzo de 1991",
        "The hearing was held on June 2, 2025.",
        "Call (415) 555-0134 or +502 5555-1234 or write to m.q@example.org",
        "She lived at 1458 Calle Los Almendros, Zona 6, and later at 22 Oak Street, Apt 4",
    )
    found = proposed(page)

    assert ("Marisol QUINTANILLA ORTEGA,", "Caption: respondent name") in found
    assert ("Jordan Alvarado,", "Caption: counsel for respondent") in found
    assert ("March 14, 1991", "Date of birth") in found
    assert ("14 de marzo de 1991", "Date of birth") in found
    assert not any("June" in text for text, _ in found)  # a hearing date is not a DOB
    assert ("(415) 555-0134", "Phone number") in found
    assert ("+502 5555-1234", "Phone number") in found
    assert ("m.q@example.org", "E-mail address") in found
    assert any(text.startswith("1458 Calle Los Almendros") for text, _ in found)
    assert ("22 Oak Street, Apt 4", "Street address") in found


def test_names_entered_are_found_whole_token_by_token_and_when_garbled_by_ocr():
    page = page_of(
        "Her sister Dilcia Quintanilla Ortega declared",
        "that Ms. Quintanil1a feared return",
        "Dilcia later moved",
    )
    found = proposed(page, [Identifier("name", "Dilcia Quintanilla Ortega")])

    assert ("Dilcia Quintanilla Ortega", "Name entered") in found
    assert ("Quintanil1a", "Name entered (part)") in found
    assert ("Dilcia", "Name entered (part)") in found


def test_entered_a_number_and_date_of_birth_match_other_spellings():
    page = page_of("file 201555123 and DOB 03/14/1991")
    found = proposed(
        page, [Identifier("a_number", "A 201-555-123"), Identifier("dob", "March 14, 1991")]
    )
    assert ("201555123", "A-number entered") in found
    assert {reason for text, reason in found if text == "03/14/1991"} <= {
        "Date of birth entered",
        "Date of birth",
    }
    assert "03/14/1991" in {text for text, _ in found}


def test_a_generated_decision_gets_a_proposal_for_every_identifier_it_carries():
    parties = SampleParties()
    pages = page_texts(decision_pdf(parties), ocr=False)
    identifiers = [Identifier("name", name) for name in parties.family]
    texts = " | ".join(p.text for p in propose(pages, identifiers))

    for expected in [
        "A 201-555-123",
        "Marisol QUINTANILLA ORTEGA",
        "March 14, 1991",
        "1458 Calle Los Almendros",
        "Dilcia Quintanilla Ortega",
    ]:
        assert expected in texts


def test_line_boxes_cover_the_whole_line_a_box_touches():
    page = page_of("first line of text", "the second line here", "third")
    second = next(w for w in page.words if w.text == "second")
    boxes = line_boxes(page, Box(0, second.x0, second.y0, second.x1, second.y1))

    assert len(boxes) == 1
    line = [w for w in page.words if w.y0 == second.y0]
    assert boxes[0].x0 <= line[0].x0 and boxes[0].x1 >= line[-1].x1
    assert boxes[0].y1 < page.words[-1].y0  # not the next line


def test_occurrences_finds_every_one_case_and_accent_insensitively():
    page = page_of("Escuintla is far", "she left ESCUINTLA", "near Escuíntla again")
    assert len(occurrences([page], "escuintla")) == 3
