"""Identifiers typed as plain text (the command line) turned into typed `Identifier`s."""

from __future__ import annotations

from . import textmatch as tm
from .types import Identifier


def guess_identifier(value: str) -> Identifier:
    """The kind a bare value most likely is: a date, an A-number, an e-mail, else a name."""
    value = value.strip()
    if "@" in value:
        return Identifier("email", value)
    if tm.DATE.fullmatch(value) and len(tm.date_variants(value)) > 1:
        return Identifier("dob", value)
    digits = tm.digits_of(value)
    if len(digits) >= 7 and len(value) - len(digits) <= 4:
        return Identifier("a_number", value)
    return Identifier("other", value)
