"""Assisted detection: boxes to propose on every page, each with the reason it was proposed.

Works on `PageText` (text layer or OCR words alike). Each page's words are joined into one
string with a map from character offsets back to words, so patterns run on text and their
matches turn into word boxes, one box per line a match spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import textmatch as tm
from .types import Box, Identifier, PageText, Proposal, Word

PAD = 1.5  # points added around word boxes so glyph edges are covered

_CAPTION_STOP = {
    "respondent",
    "respondents",
    "applicant",
    "applicants",
    "respondent(s)",
    "file",
    "a-number",
    "in",
    "removal",
    "proceedings",
}
_KIND_REASON = {
    "name": "Name entered",
    "a_number": "A-number entered",
    "dob": "Date of birth entered",
    "address": "Address entered",
    "phone": "Phone number entered",
    "email": "E-mail entered",
    "other": "Identifier entered",
}


class _Joined:
    """A page's words as one string, and the way back from offsets to words."""

    def __init__(self, page: PageText):
        self.page = page
        self.words = page.words
        parts, self.starts = [], []
        offset = 0
        for word in self.words:
            self.starts.append(offset)
            parts.append(word.text)
            offset += len(word.text) + 1
        self.text = " ".join(parts)
        self.norm = [tm.norm_token(word.text) for word in self.words]

    def words_in(self, start: int, end: int) -> list[int]:
        return [
            i
            for i, word_start in enumerate(self.starts)
            if word_start < end and word_start + len(self.words[i].text) > start
        ]


def _lines(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into lines by vertical overlap."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
        centre = (word.y0 + word.y1) / 2
        for line in lines:
            ref = line[0]
            height = max(1.0, ref.y1 - ref.y0)
            if abs(centre - (ref.y0 + ref.y1) / 2) < height * 0.5:
                line.append(word)
                break
        else:
            lines.append([word])
    return lines


def _boxes_for(page_index: int, words: list[Word]) -> list[Box]:
    return [
        Box(
            page_index,
            min(w.x0 for w in line) - PAD,
            min(w.y0 for w in line) - PAD,
            max(w.x1 for w in line) + PAD,
            max(w.y1 for w in line) + PAD,
        )
        for line in _lines(words)
    ]


def _sequence_hits(joined: _Joined, sequence: list[str], *, fuzzy: bool) -> list[list[int]]:
    """Runs of word indexes whose normalised words match `sequence` token by token."""
    hits = []
    n = len(sequence)
    norm = joined.norm
    for i in range(len(norm) - n + 1):
        if all(tm.tokens_match(norm[i + k], sequence[k], fuzzy=fuzzy) for k in range(n)):
            hits.append(list(range(i, i + n)))
    return hits


class _Collector:
    def __init__(self):
        self.proposals: dict[tuple, Proposal] = {}

    def add(self, page: PageText, indexes: list[int], kind: str, reason: str):
        words = [page.words[i] for i in indexes]
        if not words:
            return
        for box in _boxes_for(page.page_index, words):
            key = (box.page_index, round(box.x0), round(box.y0), round(box.x1), round(box.y1))
            if key in self.proposals:
                continue
            inside = [w.text for w in words if _overlaps(box, w)]
            self.proposals[key] = Proposal(box=box, kind=kind, reason=reason, text=" ".join(inside))


def _overlaps(box: Box, word: Word) -> bool:
    return word.x0 < box.x1 and word.x1 > box.x0 and word.y0 < box.y1 and word.y1 > box.y0


_NOT_NAME = {
    "the",
    "and",
    "of",
    "in",
    "de",
    "del",
    "la",
    "los",
    "las",
    "y",
    "el",
    "for",
    "mr",
    "ms",
    "mrs",
    "esq",
    "on",
    "behalf",
    "matter",
}


def _caption_names(joined: _Joined) -> list[tuple[list[int], str]]:
    """Names in the caption of an EOIR or asylum-office document, with their reason."""
    found: list[tuple[list[int], str]] = []
    text = joined.text
    cues = [
        (r"\bIN\s+THE\s+MATTER\s+OF\b:?", "Caption: respondent name", True),
        (r"\bIN\s+RE\b:?", "Caption: respondent name", False),
        (
            r"\bON\s+BEHALF\s+OF\s+(?:THE\s+)?RESPONDENTS?\b:?",
            "Caption: counsel for respondent",
            False,
        ),
        (
            r"\bON\s+BEHALF\s+OF\s+(?:THE\s+)?APPLICANTS?\b:?",
            "Caption: counsel for applicant",
            False,
        ),
        (r"\b(?:Principal\s+)?Applicant(?:'s)?\s*(?:Name)?\s*:", "Caption: applicant name", False),
        (r"\bRespondent(?:\(s\)|s)?(?:'s)?\s*(?:Name)?\s*:", "Caption: respondent name", False),
    ]
    claimed: list[tuple[int, int]] = []
    for cue, reason, next_line_ok in cues:
        for match in re.finditer(cue, text, re.IGNORECASE):
            if any(a < match.end() and match.start() < b for a, b in claimed):
                continue
            claimed.append(match.span())
            start = next((i for i, s in enumerate(joined.starts) if s >= match.end()), None)
            if start is None:
                continue
            cue_words = joined.words_in(*match.span())
            cue_y = joined.words[cue_words[-1]].y0 if cue_words else None
            first = joined.words[start]
            if cue_y is not None and not next_line_ok and abs(first.y0 - cue_y) > 3:
                continue
            line_y = (first.y0 + first.y1) / 2
            taken = []
            for i in range(start, min(start + 8, len(joined.words))):
                word = joined.words[i]
                if abs((word.y0 + word.y1) / 2 - line_y) > max(2.0, (word.y1 - word.y0) * 0.6):
                    break
                if joined.norm[i] in _CAPTION_STOP or joined.norm[i] in ("dhs", "department"):
                    break
                taken.append(i)
                if word.text.endswith((",", ";")):
                    break
            if taken:
                found.append((taken, reason))
    # "QUINTANILLA ORTEGA, Marisol, Respondent": a name, a comma, then the party's role.
    for match in re.finditer(
        r"((?:[A-ZÁ-Ú][\wÁ-ú'.-]*,?\s){1,5}[A-ZÁ-Ú][\wÁ-ú'.-]*),\s(?=(?:Respondents?|Applicants?)\b)",
        text,
        re.IGNORECASE,
    ):
        indexes = joined.words_in(*match.span(1))
        one_line = indexes and len({round(joined.words[i].y0) for i in indexes}) == 1
        if one_line and not any(joined.norm[i] in _NOT_NAME for i in indexes):
            found.append((indexes, "Caption: respondent name"))
    return found


def propose(pages: list[PageText], identifiers: list[Identifier]) -> list[Proposal]:
    """Boxes to propose on every page for the identifiers entered and the usual patterns."""
    collector = _Collector()
    joined_pages = [_Joined(page) for page in pages if page.words]

    caption_names: set[str] = set()
    for joined in joined_pages:
        page = joined.page
        for start, end in tm.a_number_spans(joined.text):
            collector.add(page, joined.words_in(start, end), "a_number", "A-number")
        for indexes, reason in _caption_names(joined):
            collector.add(page, indexes, "name", reason)
            if "respondent" in reason or "applicant" in reason:
                caption_names.add(" ".join(page.words[i].text for i in indexes))
        previous_date_end = 0
        for match in tm.DATE.finditer(joined.text):
            # A date of birth: a cue ("DOB", "born", "fecha de nacimiento") shortly before it,
            # with no other date in between.
            window_start = max(previous_date_end, match.start() - 50)
            previous_date_end = match.end()
            if tm.DOB_CUE.search(joined.text, window_start, match.start()):
                collector.add(page, joined.words_in(*match.span()), "dob", "Date of birth")
        for match in tm.PHONE.finditer(joined.text):
            collector.add(page, joined.words_in(*match.span()), "phone", "Phone number")
        for match in tm.EMAIL.finditer(joined.text):
            collector.add(page, joined.words_in(*match.span()), "email", "E-mail address")
        for match in tm.ADDRESS.finditer(joined.text):
            collector.add(page, joined.words_in(*match.span()), "address", "Street address")

    wanted = list(identifiers) + [
        Identifier("name", name) for name in sorted(caption_names) if tm.tokens(name)
    ]
    for identifier in wanted:
        entered = identifier in identifiers
        reason = _KIND_REASON.get(identifier.kind, "Identifier entered")
        if not entered:
            reason = "Name from the caption"
        sequences, patterns = tm.identifier_forms(identifier)
        for joined in joined_pages:
            page = joined.page
            for pattern in patterns:
                for match in pattern.finditer(joined.text):
                    collector.add(page, joined.words_in(*match.span()), identifier.kind, reason)
            for sequence in sequences:
                for hit in _sequence_hits(joined, sequence, fuzzy=True):
                    collector.add(page, hit, identifier.kind, reason)
            if identifier.kind == "name":
                # Names token by token: a surname alone, or one garbled by OCR.
                parts = {t for seq in sequences for t in seq if len(t) >= 3 and t not in _NOT_NAME}
                for token in parts:
                    for i, word in enumerate(joined.norm):
                        if tm.tokens_match(word, token, fuzzy=True):
                            collector.add(page, [i], "name", f"{reason} (part)")
    return sorted(
        _without_nested(list(collector.proposals.values())),
        key=lambda p: (p.box.page_index, round(p.box.y0), p.box.x0),
    )


def _without_nested(proposals: list[Proposal]) -> list[Proposal]:
    """Drop proposals whose box lies inside another one (a surname inside the full name)."""
    kept = []
    for proposal in proposals:
        box = proposal.box
        inside = any(
            other is not proposal
            and other.box.page_index == box.page_index
            and other.box.x0 <= box.x0 + 0.5
            and other.box.y0 <= box.y0 + 0.5
            and other.box.x1 >= box.x1 - 0.5
            and other.box.y1 >= box.y1 - 0.5
            and (other.box.area > box.area or id(other) < id(proposal))
            for other in proposals
        )
        if not inside:
            kept.append(proposal)
    return kept


def line_boxes(page: PageText, box: Box) -> list[Box]:
    """The whole line(s) of text that `box` touches, as boxes across those lines' words.

    Where the box touches no word, the band of the page at the box's height is returned.
    """
    touched = [w for w in page.words if _overlaps(box, w)]
    if not touched:
        return [Box(page.page_index, 0.0, box.y0, page.width, box.y1)]
    result = []
    for line in _lines(touched):
        top = min(w.y0 for w in line)
        bottom = max(w.y1 for w in line)
        centre = (top + bottom) / 2
        same = [w for w in page.words if w.y0 <= centre <= w.y1]
        result.append(
            Box(
                page.page_index,
                min(w.x0 for w in same) - PAD,
                min(w.y0 for w in same) - PAD,
                max(w.x1 for w in same) + PAD,
                max(w.y1 for w in same) + PAD,
            )
        )
    return result


def occurrences(pages: list[PageText], term: str) -> list[Box]:
    """Every occurrence of `term` (case- and accent-insensitive; digits with any separators)."""
    kind = "a_number" if len(tm.digits_of(term)) >= 7 else "other"
    sequences, patterns = tm.identifier_forms(Identifier(kind, term))
    boxes: list[Box] = []
    for page in pages:
        if not page.words:
            continue
        joined = _Joined(page)
        for pattern in patterns:
            for match in pattern.finditer(joined.text):
                words = [page.words[i] for i in joined.words_in(*match.span())]
                boxes.extend(_boxes_for(page.page_index, words))
        for sequence in sequences:
            for hit in _sequence_hits(joined, sequence, fuzzy=False):
                boxes.extend(_boxes_for(page.page_index, [page.words[i] for i in hit]))
    return boxes
