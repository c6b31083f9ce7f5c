"""The Spanish catalogue is complete for every page a pro se person reaches, and current.

`makemessages` runs over a copy of the project (it merges the committed translations), and:
- its msgids must be the committed catalogue's: a template or string changed without
  `make messages` fails here;
- every entry used by a page a pro se person or an anonymous visitor reaches is translated
  and not fuzzy (English under lang="es" fails WCAG 3.1.1 and leaves the reader stranded);
- and, since the whole catalogue is now translated, so is every other entry: staff, experts
  and attorneys can choose Spanish too, and a fuzzy entry is a guess gettext never shows.
  Translate new strings with locale/es/glossary.toml (tests/cgrs/test_glossary.py).

It needs GNU gettext (xgettext), as makemessages does; CI installs it (.ci/run). Without it
the test is skipped, unless CGRS_REQUIRE_GETTEXT is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE = Path("locale/es/LC_MESSAGES/django.po")

# Where a pro se person or an anonymous visitor can be: the public pages, sign-up and sign-in,
# their own account pages, the emails they receive, and the strings those pages show.
PRO_SE_SOURCES = re.compile(
    r"^(templates/(base\.html|40[34]\.html|500\.html|components/|cgrs/|account/|allauth/|"
    r"mfa/|email/|ta_library/news\.html|accounts/(signup|_my_account_pro_se|contact_details|"
    r"resend_verification|my_account|_organization_picker|email/))"
    r"|accounts/(forms|models|navigation|my_account|views|language|adapter)\.py"
    r"|cgrs/)"
)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    if shutil.which("xgettext") is None:
        if os.environ.get("CGRS_REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext is missing: apt-get install gettext")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path_factory.mktemp("messages") / "project"
    ignore = shutil.ignore_patterns(".venv*", ".data", ".git", "node_modules", "tests", "*.pyc")
    shutil.copytree(ROOT, copy, ignore=ignore, symlinks=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-wrap"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cgrs.settings.test"},
    )
    return polib.pofile(str(copy / CATALOGUE))


def _ids(catalogue) -> set[tuple]:
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete}


def test_the_catalogue_is_current(fresh):
    committed = polib.pofile(str(ROOT / CATALOGUE))
    missing = _ids(fresh) - _ids(committed)
    assert not missing, (
        f"{len(missing)} strings are not in {CATALOGUE}: run `make messages` and translate "
        f"them. First: {sorted(m[1] for m in missing)[:5]}"
    )


def test_every_string_a_pro_se_person_reads_is_in_spanish(fresh):
    stranded = [
        f"{entry.occurrences[0][0]}: {entry.msgid[:70]!r}"
        for entry in fresh
        if not entry.obsolete
        and any(PRO_SE_SOURCES.match(path) for path, _line in entry.occurrences)
        and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not stranded, f"{len(stranded)} untranslated or fuzzy:\n" + "\n".join(stranded[:40])


def test_every_string_anywhere_is_translated_and_not_fuzzy(fresh):
    stranded = [
        f"{entry.occurrences[0][0] if entry.occurrences else '?'}: {entry.msgid[:70]!r}"
        + (" (fuzzy)" if "fuzzy" in entry.flags else "")
        for entry in fresh
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not stranded, (
        f"{len(stranded)} untranslated or fuzzy entries in {CATALOGUE}: translate them (use "
        "the glossary's terms and 'usted'), remove the fuzzy flag, run `make messages`:\n"
        + "\n".join(stranded[:40])
    )
