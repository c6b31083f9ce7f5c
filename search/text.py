"""Text normalisation shared by indexing and query parsing (they must agree exactly).

The embedded PostgreSQL has no `unaccent`, so accents are folded here, in Python, both in
the text that goes into a tsvector and in the query: "Peru" finds "Perú".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Markers ts_headline puts around matched words (private-use characters, removed from all
# indexed text so a document cannot forge them); replaced by <mark> after HTML escaping.
MARK_START = "\ue000"
MARK_END = "\ue001"

WORD = re.compile(r"[^\W_]+")
# Vocabulary words: letters only, 3 to 40 of them.
VOCABULARY_WORD = re.compile(r"\b[^\W\d_]{3,40}\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Length-preserving: a character that does not fold to exactly one (ligatures, "ß")
    # stays as it is, so offsets in folded text are offsets in the original.
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """`text` without accents (é→e, ñ→n), same length, same case."""
    if text.isascii():
        return text
    table = {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    return text.translate(table)


def clean(text: str) -> str:
    """Extracted text as stored: no NUL/control characters, no highlight markers."""
    return _CONTROL.sub(" ", text)


def words(text: str) -> list[str]:
    """The folded, lower-case words of `text` (letters and digits runs)."""
    return WORD.findall(fold(text).lower())


def vocabulary_words(text: str) -> set[str]:
    return set(VOCABULARY_WORD.findall(fold(text).lower()))


def split_passages(text: str, *, target: int = 1100, limit: int = 1600) -> list[str]:
    """Cut one page of text into passages of about `target` characters, at a paragraph,
    sentence or word boundary (never inside a word), none longer than `limit`."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    passages = []
    start = 0
    while start < len(text):
        if len(text) - start <= limit:
            passages.append(text[start:].strip())
            break
        window = text[start : start + limit]
        cut = -1
        for separator in ("\n\n", ". ", "\n", " "):
            cut = window.rfind(separator, target // 2)
            if cut != -1:
                cut += len(separator)
                break
        if cut <= 0:
            cut = limit
        passages.append(window[:cut].strip())
        start += cut
    return [p for p in passages if p]
