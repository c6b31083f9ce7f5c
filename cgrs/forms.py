"""Form helpers every app uses."""

from __future__ import annotations

from django import forms


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
