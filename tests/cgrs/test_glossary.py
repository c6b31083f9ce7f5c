"""The Spanish catalogue uses one term per legal concept (locale/es/glossary.toml) and "usted".

A pro se reader compares our pages with the papers EOIR sends them: "suspensión de expulsión"
on one page and "retención de remoción" on the next reads as two different things. And the site
speaks to people it does not know, in the formal "usted", never "tú".
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = tomllib.loads((ROOT / "locale/es/glossary.toml").read_text())["term"]
CATALOGUE = polib.pofile(str(ROOT / "locale/es/LC_MESSAGES/django.po"))

# Forms that only "tú" uses (present, future and subjunctive of the verbs the site uses, the
# pronouns and possessives). "Tu"/"te" have no other meaning in Spanish, so no false alarms.
TU_FORMS = re.compile(
    r"\b(tú|tu|tus|te|ti|contigo|tienes|puedes|quieres|debes|eres|estás|necesitas|has|hayas|"
    r"podrás|tendrás|recibirás|verás|deberás|sabes|vas|hiciste|enviaste|elegiste|"
    r"escribiste|recibiste)\b",
    re.IGNORECASE,
)


def _english_pattern(phrase: str) -> re.Pattern:
    # Acronyms ("CAT", "BIA", "NTA") match only in capitals: "cat" or "Nta" are other words.
    flags = 0 if phrase.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", flags)


TERMS = [
    (term, [_english_pattern(p) for p in term["en"]], [s.casefold() for s in term["es"]])
    for term in GLOSSARY
]


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [s for s in entry.msgstr_plural.values() if s]
    return [entry.msgstr] if entry.msgstr else []


def _english(entry: polib.POEntry) -> str:
    return f"{entry.msgid}\n{entry.msgid_plural or ''}"


def _live_translated():
    return [e for e in CATALOGUE if not e.obsolete and "fuzzy" not in e.flags and e.translated()]


def test_the_glossary_is_well_formed():
    assert len(GLOSSARY) >= 10
    for term in GLOSSARY:
        assert term["en"] and term["es"], term
        for avoided in term.get("avoid", []):
            assert not any(avoided.casefold() in s.casefold() for s in term["es"]), term


@pytest.mark.parametrize("term", [t[0] for t in TERMS], ids=[t[0]["en"][0] for t in TERMS])
def test_every_translation_uses_the_glossary_term(term):
    patterns, spanish = next((p, s) for t, p, s in TERMS if t is term)
    avoided = [a.casefold() for a in term.get("avoid", [])]
    wrong = []
    for entry in _live_translated():
        if not any(p.search(_english(entry)) for p in patterns):
            continue
        for text in _translations(entry):
            folded = text.casefold()
            if not any(s in folded for s in spanish) or any(a in folded for a in avoided):
                wrong.append(f"{entry.msgid[:60]!r} -> {text[:80]!r}")
    assert not wrong, (
        f"{term['en'][0]!r} is {term['es'][0]!r} in Spanish (locale/es/glossary.toml):\n"
        + "\n".join(wrong[:20])
    )


def test_the_glossary_check_catches_a_wrong_term():
    """The check above is not vacuous: a translation with another term for withholding fails."""
    withholding = next(t for t in TERMS if t[0]["en"][0] == "withholding of removal")
    _term, patterns, spanish = withholding
    english, bad = "Granted withholding of removal", "Se concedió la retención de remoción"
    assert any(p.search(english) for p in patterns)
    assert not any(s in bad.casefold() for s in spanish)


def test_the_site_says_usted_not_tu():
    informal = [
        f"{e.msgid[:60]!r} -> {text[:80]!r}"
        for e in _live_translated()
        for text in _translations(e)
        if TU_FORMS.search(text)
    ]
    assert not informal, f"{len(informal)} translations use tú:\n" + "\n".join(informal[:20])
    assert TU_FORMS.search("¿Tienes una audiencia pronto?")
    assert not TU_FORMS.search("¿Tiene usted una audiencia pronto?")
