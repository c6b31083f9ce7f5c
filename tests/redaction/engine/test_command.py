"""`manage.py check_redaction`: exit status and the JSON it prints."""

import json

import pytest
from django.core.management import call_command

from redaction.engine import samples


def run(capsys, *args):
    status = 0
    try:
        call_command("check_redaction", *args)
    except SystemExit as exit_:
        status = exit_.code
    return status, capsys.readouterr().out


def test_a_clean_file_exits_0_and_prints_the_json_object(tmp_path, capsys):
    path = tmp_path / "clean.pdf"
    path.write_bytes(samples.clean_decision_pdf())

    status, out = run(capsys, str(path), "--identifier", "Marisol Quintanilla Ortega", "--json")

    assert status == 0
    assert json.loads(out) == {"passed": True, "pages": 2, "findings": []}


def test_a_file_with_findings_exits_1_with_each_finding(tmp_path, capsys):
    path = tmp_path / "boxed.pdf"
    path.write_bytes(samples.text_under_box_pdf())

    status, out = run(capsys, str(path), "--json")

    assert status == 1
    payload = json.loads(out)
    assert payload["passed"] is False
    assert payload["pages"] == 1
    assert [(f["code"], f["page"]) for f in payload["findings"]] == [("TEXT_UNDER_BOX", 0)]
    assert isinstance(payload["findings"][0]["detail"], str)


def test_identifiers_on_the_command_line_are_looked_for(tmp_path, capsys):
    path = tmp_path / "decision.pdf"
    path.write_bytes(samples.identifier_in_metadata_pdf())

    status, out = run(capsys, str(path), "--identifier", "Marisol Quintanilla Ortega")

    assert status == 1
    assert "IDENTIFIER_IN_METADATA" in out
    assert "Quintanilla" not in out  # findings say where, never what


@pytest.mark.parametrize(
    "content", [samples.malformed_pdf(), samples.encrypted_decision_pdf(), b"<html></html>"]
)
def test_an_unreadable_file_exits_2(tmp_path, capsys, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)

    status, out = run(capsys, str(path), "--json")

    assert status == 2
    assert json.loads(out)["passed"] is False


def test_a_missing_file_exits_2(tmp_path, capsys):
    status, _ = run(capsys, str(tmp_path / "absent.pdf"))
    assert status == 2
