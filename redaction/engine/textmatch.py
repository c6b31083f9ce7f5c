"""Matching helpers shared by detection and the gate: normalisation, patterns, digit runs.

One place decides what "the same identifier" means, so what detection proposes and what the
gate refuses never drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from rapidfuzz import fuzz

from .types import Identifier

_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or phrase."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def norm_token(token: str) -> str:
    return _EDGE_PUNCT.sub("", fold(token))


def tokens(text: str) -> list[str]:
    return [t for t in (norm_token(part) for part in text.split()) if t]


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def digit_run_pattern(digits: str) -> re.Pattern:
    """A run of `digits` in text, with any single separators between them (A-numbers: an
    optional leading zero, since 8-digit A-numbers are also written zero-padded)."""
    core = digits.lstrip("0") or digits
    body = r"[\s\-.]?".join(re.escape(d) for d in core)
    return re.compile(r"(?<!\d)(?:0[\s\-.]?)?" + body + r"(?!\d)")


def tokens_match(word: str, wanted: str, *, fuzzy: bool) -> bool:
    if word == wanted:
        return True
    if not fuzzy or len(wanted) < 4 or len(word) < 3:
        return False
    # OCR garbles letters ("Quintanil1a"); accept close spellings of longer tokens only.
    return fuzz.ratio(word, wanted) >= (80 if len(wanted) >= 6 else 85)


# --- Patterns --------------------------------------------------------------------------------

# An A-number: a label (A-Number, Alien No., File No., número A) or a bare "A"/"A#" prefix,
# then 8 or 9 digits with optional single separators. Only the number (with its "A") is boxed.
_DIGITS = r"(?:\d[\s\-.]?){7,8}\d(?!\d)"
A_NUMBER = re.compile(
    r"(?:\b(?:A-?\s?Number|A-?\s?No\.?|Alien\s+(?:Registration\s+)?(?:Number|No\.?)|"
    r"File\s+(?:No\.?|Number)|n[uú]mero\s+(?:de\s+)?A|N[oº°]\.?\s+A)\s*[:#]?\s*"
    rf"(?P<labelled>(?:A\s?[#\-:]?\s?)?{_DIGITS})"
    rf"|(?P<bare>\bA\s?[#\-:]?\s?{_DIGITS}))",
    re.IGNORECASE,
)


def a_number_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every A-number in `text`, label excluded."""
    spans = []
    for match in A_NUMBER.finditer(text):
        group = "labelled" if match.group("labelled") else "bare"
        spans.append(match.span(group))
    return spans


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+|del\s+)?\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
DOB_CUE = re.compile(
    r"(?:\bD\.?\s?O\.?\s?B\b|\bborn\b|date\s+of\s+birth|birth\s*date|fecha\s+de\s+nacimiento"
    r"|\bnacid[oa]\b|\bnacimiento\b)",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\d\w])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}(?!\d)"
    r"|\+\d{2,3}[\s.-]?\d{4}[\s.-]?\d{4}(?!\d)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Ln\.?|Way|"
    r"Court|Ct\.?|Place|Pl\.?|Terrace|Highway|Hwy\.?|Parkway|Pkwy\.?|Circle|Cir\.?"
)
ADDRESS = re.compile(
    rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w.'-]*\s+){{0,4}}(?:{_STREET})(?!\w)"
    r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|#)\s*[\w-]+)?"
    r"|\b\d{1,6}\s+(?:Calle|Avenida|Av\.|Camino|Callej[oó]n|Pasaje)\s+(?:[\wÁ-ú.'-]+\s?){1,4}"
    r"(?:,\s*Zona\s+\d+)?"
    r"|\b(?:Colonia|Barrio|Aldea|Caser[ií]o|Cant[oó]n)\s+(?:[A-ZÁ-Ú][\wÁ-ú.'-]*\s?){1,4}",
)


def date_variants(value: str) -> list[str]:
    """The ways one date of birth may be written (for an entered DOB)."""
    parsed = None
    cleaned = value.strip()
    for fmt in (
        "%B %d, %Y",
        "%B %d %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%m/%d/%Y",
        "%Y-%m-%d",
        "%m-%d-%Y",
        "%d/%m/%Y",
    ):
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
            break
        except ValueError:
            continue
    if parsed is None:
        return [cleaned]
    return _variants_of(parsed, cleaned)


_ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def _variants_of(day: date, original: str) -> list[str]:
    return list(
        dict.fromkeys(
            [
                original,
                f"{day:%B} {day.day}, {day.year}",
                f"{day:%b} {day.day}, {day.year}",
                f"{day.day} {day:%B} {day.year}",
                f"{day:%m/%d/%Y}",
                f"{day.month}/{day.day}/{day.year}",
                f"{day:%Y-%m-%d}",
                f"{day:%d/%m/%Y}",
                f"{day.day} de {_ES_MONTHS[day.month - 1]} de {day.year}",
            ]
        )
    )


def identifier_forms(identifier: Identifier) -> tuple[list[list[str]], list[re.Pattern]]:
    """(token sequences, digit-run patterns) that count as this identifier in text."""
    value = identifier.value.strip()
    sequences: list[list[str]] = []
    patterns: list[re.Pattern] = []
    digits = digits_of(value)
    letters = re.sub(r"[\W\d_]", "", value)
    numeric = identifier.kind in ("a_number", "phone") or len(letters) <= 2
    if numeric and len(digits) >= 7:
        patterns.append(digit_run_pattern(digits))
    if identifier.kind == "dob":
        for variant in date_variants(value):
            sequences.append(tokens(variant))
    elif not patterns:
        sequences.append(tokens(value))
    return [s for s in sequences if s], patterns
