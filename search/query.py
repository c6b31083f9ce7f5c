"""Turning what someone typed into a tsquery, safely and forgivingly.

User text never reaches `to_tsquery` as syntax: it is cut into words, quoted phrases and
citation-like chunks ("A-R-C-G-", "27 I&N Dec. 316"); words and phrases become parameters
of `plainto_tsquery`/`phraseto_tsquery` (which treat their input as plain text), and the
only `to_tsquery` input we build is a prefix of letters and digits we quote ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from search.text import WORD, fold

CONFIG = "english"
MAX_QUERY_CHARACTERS = 200
MAX_CHUNKS = 16
MAX_SYNONYM_WORDS = 8
PREFIX_MIN_LETTERS = 3
# No spelling correction under this many letters: short words are too easily other words.
CORRECTION_MIN_LETTERS = 5
# A shorter word that finds nothing is not corrected but may get a "Did you mean", from this
# many letters, to a word in at least this many resources (a word of one resource is as
# likely a name or an OCR slip as what was meant).
SUGGESTION_MIN_LETTERS = 3
SUGGESTION_MIN_DOCUMENTS = 2

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"'})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_ALPHA = re.compile(r"[^\W\d_]+")


@dataclass
class Chunk:
    """One unit of the query: a word, a quoted phrase, or a citation-like chunk."""

    original: str  # as typed, for "search instead for"
    text: str  # folded, edge punctuation removed
    tokens: tuple[str, ...]  # folded lower-case words
    quoted: bool = False
    corrected: str = ""  # the vocabulary word this word was corrected to
    suggested: str = ""  # the vocabulary word offered for a short word that finds nothing

    @property
    def is_word(self) -> bool:
        return not self.quoted and len(self.tokens) == 1 and self.text.lower() == self.tokens[0]

    @property
    def word(self) -> str:
        return self.corrected or self.tokens[0]

    def display(self, *, suggested: bool = False) -> str:
        if self.quoted:
            return f'"{self.original}"'
        return (suggested and self.suggested) or self.corrected or self.original


@dataclass
class ParsedQuery:
    chunks: list[Chunk]
    # The last word is still being typed: it also matches as a prefix.
    prefix_last: bool
    # Vocabulary words the last word is the beginning of (filled in from the lexicon).
    completions: list[str] = field(default_factory=list)
    # True when `completions` is every vocabulary word the last word begins: then they
    # stand for the prefix, and the prefix match itself (a partial-match scan of the GIN
    # index with a recheck of every hit: twice the cost for a word in every document) is
    # left out.
    completions_complete: bool = False

    @property
    def searchable(self) -> bool:
        return bool(self.chunks)

    def correctable_words(self) -> list[str]:
        return sorted(
            {
                chunk.tokens[0]
                for chunk in self.chunks
                if chunk.is_word
                and _is_alpha(chunk.tokens[0])
                and len(chunk.tokens[0]) >= CORRECTION_MIN_LETTERS
            }
        )

    def suggestable_words(self) -> list[str]:
        """Words too short to correct that may still get a "Did you mean" (see
        best_suggestion)."""
        return sorted(
            {
                chunk.tokens[0]
                for chunk in self.chunks
                if chunk.is_word
                and _is_alpha(chunk.tokens[0])
                and SUGGESTION_MIN_LETTERS <= len(chunk.tokens[0]) < CORRECTION_MIN_LETTERS
            }
        )

    def prefix_word(self) -> str | None:
        if not self.prefix_last or not self.chunks:
            return None
        last = self.chunks[-1]
        if last.is_word and _is_alpha(last.tokens[0]) and len(last.tokens[0]) >= PREFIX_MIN_LETTERS:
            return last.tokens[0]
        return None

    def display(self, *, suggested: bool = False) -> str:
        """The query as searched (corrections in), or with `suggested` as it would be with
        the suggestions taken."""
        return " ".join(chunk.display(suggested=suggested) for chunk in self.chunks)


def _is_alpha(word: str) -> bool:
    return bool(_ALPHA.fullmatch(word))


def parse(query: str) -> ParsedQuery:
    """Cut `query` into chunks. Unbalanced quotes are ignored; anything goes."""
    text = _CONTROL.sub(" ", (query or "")[:MAX_QUERY_CHARACTERS].translate(_QUOTES))
    prefix_last = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    chunks: list[Chunk] = []
    parts = text.split('"')
    # Parts at odd positions were inside a pair of quotes; a last odd part has no closing
    # quote, so it is read as ordinary words.
    closed = len(parts) % 2 == 1
    for index, part in enumerate(parts):
        inside = index % 2 == 1 and (closed or index < len(parts) - 1)
        if inside:
            phrase = " ".join(part.split())
            tokens = tuple(WORD.findall(fold(phrase).lower()))
            if tokens:
                chunks.append(Chunk(original=phrase, text=fold(phrase), tokens=tokens, quoted=True))
            continue
        for piece in part.split():
            stripped = _EDGE.sub("", piece)
            tokens = tuple(WORD.findall(fold(stripped).lower()))
            if tokens:
                chunks.append(Chunk(original=stripped, text=fold(stripped), tokens=tokens))
    if chunks and chunks[-1].quoted:
        prefix_last = False
    return ParsedQuery(chunks=chunks[:MAX_CHUNKS], prefix_last=prefix_last)


def best_correction(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The vocabulary word `word` was most likely meant to be: within 1 edit for 5–8
    letters, 2 from 9, same first letter, the most frequent of the closest."""
    if len(word) < CORRECTION_MIN_LETTERS:
        return None
    allowed = 1 if len(word) <= 8 else 2
    best = None
    for candidate, count in candidates:
        if candidate[:1] != word[:1] or candidate == word:
            continue
        distance = OSA.distance(word, candidate, score_cutoff=allowed)
        if distance > allowed:
            continue
        key = (distance, -count, candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None


def best_suggestion(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The word to offer ("Did you mean") for a word too short to correct that finds
    nothing: one edit away, same first letter, in at least SUGGESTION_MIN_DOCUMENTS
    resources, the most frequent of those. Offered, never searched in its place."""
    if not SUGGESTION_MIN_LETTERS <= len(word) < CORRECTION_MIN_LETTERS:
        return None
    best = None
    for candidate, count in candidates:
        if candidate[:1] != word[:1] or candidate == word or count < SUGGESTION_MIN_DOCUMENTS:
            continue
        distance = OSA.distance(word, candidate, score_cutoff=1)
        if distance > 1:
            continue
        key = (distance, -count, candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None


@dataclass
class SynonymIndex:
    """Token sequences -> the group of equivalent terms they belong to."""

    groups: list[list[str]]
    by_tokens: dict[tuple[str, ...], int]

    @classmethod
    def build(cls, groups: list[list[str]]) -> SynonymIndex:
        by_tokens: dict[tuple[str, ...], int] = {}
        kept: list[list[str]] = []
        for terms in groups:
            terms = [term for term in terms if WORD.search(term)]
            if len(terms) < 2:
                continue
            for term in terms:
                tokens = tuple(WORD.findall(fold(term).lower()))
                if 0 < len(tokens) <= MAX_SYNONYM_WORDS:
                    by_tokens.setdefault(tokens, len(kept))
            kept.append(terms)
        return cls(groups=kept, by_tokens=by_tokens)


def tsquery_sql(
    parsed: ParsedQuery, synonyms: SynonymIndex, *, for_ranking: bool = False
) -> tuple[str, list]:
    """An SQL expression of type tsquery for the parsed query, and its parameters.

    Phrases match through `search_phrase_query` (their pairs of common words first, see
    search.lexemes); `for_ranking` gives the same query with plain phrases, for ts_rank_cd
    and ts_headline over vectors and text that have no pairs."""
    phrase = f"phraseto_tsquery('{CONFIG}', %s)" if for_ranking else "search_phrase_query(%s)"
    terms: list[str] = []
    params: list = []
    chunks = parsed.chunks
    prefix = parsed.prefix_word()
    index = 0
    while index < len(chunks):
        group = None
        span = 0
        # The longest run of unquoted chunks that spells a synonym.
        if not chunks[index].quoted:
            tokens: tuple[str, ...] = ()
            for end in range(index, min(len(chunks), index + MAX_SYNONYM_WORDS)):
                if chunks[end].quoted:
                    break
                tokens += (chunks[end].word,) if chunks[end].is_word else chunks[end].tokens
                if tokens in synonyms.by_tokens:
                    group, span = synonyms.by_tokens[tokens], end - index + 1
        if group is not None:
            alternatives = []
            for term in synonyms.groups[group]:
                alternatives.append(phrase)
                params.append(fold(term))
            terms.append("(" + " || ".join(alternatives) + ")")
            index += span
            continue
        chunk = chunks[index]
        if chunk.is_word:
            word = chunk.word
            if index == len(chunks) - 1 and prefix is not None and not chunk.corrected:
                alternatives = [f"plainto_tsquery('{CONFIG}', %s)"]
                params.append(word)
                if not parsed.completions_complete:
                    # `word` is letters only (checked in prefix_word), so this quoting is
                    # complete: no tsquery syntax can get through.
                    alternatives.append("to_tsquery('simple', %s)")
                    params.append(f"'{word}':*")
                for completion in parsed.completions:
                    if completion == word:
                        continue  # the word itself is already there
                    alternatives.append(f"plainto_tsquery('{CONFIG}', %s)")
                    params.append(completion)
                terms.append("(" + " || ".join(alternatives) + ")")
            else:
                terms.append(f"plainto_tsquery('{CONFIG}', %s)")
                params.append(word)
        else:
            terms.append(phrase)
            params.append(chunk.text)
        index += 1
    return " && ".join(terms), params
