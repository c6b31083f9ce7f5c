"""`manage.py check_redaction FILE.pdf [--identifier TEXT ...] [--json]`: the redaction gate.

Runs `redaction.engine.gate.check_pdf`, the same check publishing runs. Exit status: 0 when
the file passes, 1 when the check finds anything, 2 when the file cannot be read. Identifiers
and findings are printed to this command's output only, never logged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from redaction.engine.gate import check_pdf
from redaction.engine.identifiers import guess_identifier

UNREADABLE = {"ENCRYPTED", "MALFORMED"}


class Command(BaseCommand):
    help = "Check a PDF for anything a redaction can leak (exit 0 pass, 1 findings, 2 unreadable)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF to check")
        parser.add_argument(
            "--identifier",
            action="append",
            default=[],
            metavar="TEXT",
            help="a name, A-number, date of birth… that must not appear (repeatable)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError:
            self._finish(options, None, f"Cannot read {path.name}.")
            return
        identifiers = [guess_identifier(v) for v in options["identifier"] if v.strip()]
        report = check_pdf(data, identifiers)
        self._finish(options, report, None)

    def _finish(self, options, report, error):
        if report is None:
            payload = {
                "passed": False,
                "pages": 0,
                "findings": [{"code": "MALFORMED", "page": None, "detail": error}],
            }
            status = 2
        else:
            payload = report.as_dict()
            codes = {f.code for f in report.findings}
            unreadable = (codes & UNREADABLE and report.pages == 0) or "ENCRYPTED" in codes
            status = 0 if report.passed else 2 if unreadable else 1
        if options["json"]:
            self.stdout.write(json.dumps(payload))
        else:
            verdict = "PASSED" if payload["passed"] else "REFUSED"
            self.stdout.write(
                f"{verdict}: {payload['pages']} page(s), {len(payload['findings'])} finding(s)"
            )
            for finding in payload["findings"]:
                where = "file" if finding["page"] is None else f"page {finding['page'] + 1}"
                self.stdout.write(f"  {finding['code']} ({where}): {finding['detail']}")
        if status:
            sys.stdout.flush()
            self.stdout.flush()
            raise SystemExit(status)
