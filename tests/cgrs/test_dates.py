"""Dates read one way per kind (a date; a date and time), following the language."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# `|date:"…"` with its argument; what sits inside a datetime="…" attribute is for machines.
DATE_FILTER = re.compile(r"""\|date:(["'])(?P<format>[^"']*)\1""")
MACHINE_ATTRIBUTE = re.compile(r"""datetime=(["']){{[^}]*}}\1""")
ON_SCREEN = {"DATE_FORMAT", "DATETIME_FORMAT"}


@pytest.mark.parametrize(
    ("language", "date_text", "datetime_text"),
    [
        ("en", "December 4, 2026", "December 4, 2026, 08:45"),
        ("es", "4 de diciembre de 2026", "4 de diciembre de 2026, 08:45"),
    ],
)
def test_one_format_per_kind_in_each_language(language, date_text, datetime_text):
    moment = datetime.datetime(2026, 12, 4, 8, 45)
    with translation.override(language):
        assert date_format(moment.date(), "DATE_FORMAT") == date_text
        assert date_format(moment, "DATETIME_FORMAT") == datetime_text


def test_templates_show_dates_only_in_the_two_formats():
    stray = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        text = MACHINE_ATTRIBUTE.sub("", path.read_text())
        for match in DATE_FILTER.finditer(text):
            if match["format"] not in ON_SCREEN:
                stray.append(f"{path.relative_to(TEMPLATES)}: |date:{match['format']!r}")
    assert not stray, "Use DATE_FORMAT or DATETIME_FORMAT:\n" + "\n".join(stray)
