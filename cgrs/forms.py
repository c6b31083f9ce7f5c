"""Form helpers every app uses."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _


def lines_as_list(
    text: str, *, max_items: int, max_length: int, too_many: str, too_long: str
) -> list[str]:
    """The non-blank lines of a textarea, stripped, duplicates dropped, in order.

    Raises ValidationError with `too_many` (formatted with `max`) past `max_items` lines, or
    with `too_long` when a line is longer than `max_length` characters.
    """
    lines = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    if len(lines) > max_items:
        raise forms.ValidationError(too_many % {"max": max_items})
    if any(len(line) > max_length for line in lines):
        raise forms.ValidationError(too_long % {"max": max_length})
    return lines


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always written as ISO, which it requires."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# A phone number: digits with the usual separators, 7 to 15 digits, optional extension.
_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"(?:ext\.?|x)\s*[0-9]{1,6}$", re.IGNORECASE)
PHONE_ERROR = _("Enter a phone number with 7 to 15 digits, for example +1 415 555 0100.")


def clean_phone_number(value: str) -> str:
    """Accept the usual ways of writing a phone number; store it tidied, as written."""
    value = " ".join(value.split())
    if not value:
        return ""
    if len(value) > 32 or not _PHONE_CHARS.match(value):
        raise forms.ValidationError(PHONE_ERROR, code="phone")
    digits = re.sub(r"\D", "", _EXTENSION.sub("", value))
    if not 7 <= len(digits) <= 15:
        raise forms.ValidationError(PHONE_ERROR, code="phone")
    return value
