"""Turning what someone typed into a tsquery, safely and forgivingly.

The query language (what the library's "Search tips" promise):
- words: every word is required, anywhere in the resource (`particular social group` finds
  the three words apart too; the phrase itself ranks first when it names a synonym group);
- `"quoted words"`: that exact phrase;
- `-word`, `-"a phrase"`: resources containing it are left out;
- `OR` (capitals) between two words, phrases or citations: either will do;
- citations and case names are recognised anywhere and matched as written, as phrases:
  `Matter of A-R-C-G-`, `26 I&N Dec. 388`, `8 U.S.C. § 1158`, `INA 208(b)(1)(B)(iii)`,
  `Lopez v. Sessions`. `INA 208(b)(1)(B)(iii)` also finds "section 208(b)(1)(B)(iii)" (and
  the reverse): in this field a bare "section" with a parenthesised subsection is nearly
  always the INA's.
- synonyms (staff-edited groups, `PSG, particular social group`) add alternatives: they
  never narrow what was typed.

User text never reaches `to_tsquery` as syntax: it is cut into words, quoted phrases and
citation-like chunks; words and phrases become parameters of `plainto_tsquery`/
`phraseto_tsquery` (which treat their input as plain text), and the only `to_tsquery` input
we build is a prefix of letters and digits we quote ourselves. The operators become
tsquery operators (`&&`, `||`, `!!`) in SQL we write, never text PostgreSQL parses.
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
# Only in capitals: "or" in lower case is an ordinary (stop) word, as on every search engine.
OR = "OR"

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"'})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_ALPHA = re.compile(r"[^\W\d_]+")

# Citations and case names, matched as written (one phrase each). Bounded repetitions only:
# the query is at most MAX_QUERY_CHARACTERS, and no pattern can backtrack badly.
_NAME = r"[^\W\d_][\w'’-]{0,40}"
_SUBSECTIONS = r"(?:\([A-Za-z0-9]{1,5}\)){0,8}"
_REPORTER = (
    r"I\.?\s?&\s?N\.?\s?Dec\.?|F\.\s?(?:2d|3d|4th)|F\.\s?Supp\.?(?:\s?[23]d)?|"
    r"F\.\s?App'?x|U\.S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?"
)
_CITATION = re.compile(
    # 26 I&N Dec. 388, 123 F.3d 456, 549 U.S. 183
    # (a pinpoint page after a comma is read and left out: "388, 391" finds "388")
    rf"(?P<reporter>(?P<cite>\b\d{{1,4}}\s{{1,3}}(?:{_REPORTER})\s{{0,3}}\d{{1,5}})"
    rf"(?:,\s{{0,3}}\d{{1,5}}(?:[-–]\d{{1,5}})?(?!\s?(?:{_REPORTER})))?)"
    # 8 U.S.C. § 1158(b)(1), 8 USC 1158, 8 C.F.R. § 208.13(b)
    rf"|(?P<code>\b(?P<title>\d{{1,3}})\s{{1,3}}(?P<book>U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?|C\.?\s?F\.?\s?R\.?)"
    rf"\s{{0,3}}(?:(?:§{{1,2}}|sec(?:tion|\.))\s{{0,3}})?(?P<code_section>\d{{1,6}}[a-z]?(?:\.\d{{1,6}}[a-z]?)?{_SUBSECTIONS}))"
    # INA 208(b)(1)(B)(iii), INA § 241(b)(3), section 208(b)(1)(B)(iii)
    rf"|(?P<statute>\b(?:INA|section|sec\.)\s{{0,3}}(?:§{{1,2}}\s{{0,3}})?"
    rf"(?P<statute_section>\d{{1,4}}[A-Za-z]?{_SUBSECTIONS}))"
    # Matter of A-R-C-G-, In re Kasinga
    rf"|(?P<matter>\b(?:Matter\s{{1,3}}of|In\s{{1,3}}re)\s{{1,3}}{_NAME})"
    # Lopez v. Sessions (capitalised names only: "v" is otherwise a letter like any other)
    rf"|(?P<versus>\b(?-i:[A-Z])[\w'’-]{{0,40}}\s{{1,3}}(?-i:v|vs)\.?\s{{1,3}}(?-i:[A-Z])[\w'’-]{{0,40}})",
    re.IGNORECASE,
)


@dataclass
class Chunk:
    """One unit of the query: a word, a quoted phrase, or a citation-like chunk."""

    original: str  # as typed, for "search instead for"
    text: str  # folded, edge punctuation removed
    tokens: tuple[str, ...]  # folded lower-case words
    quoted: bool = False
    corrected: str = ""  # the vocabulary word this word was corrected to
    suggested: str = ""  # the vocabulary word offered for a short word that finds nothing
    negated: bool = False  # typed with a leading "-": resources containing it are left out
    or_before: bool = False  # "OR" was typed between this chunk and the one before
    # A citation: the phrases it is matched as (folded), when more than itself.
    citation: bool = False
    alternatives: tuple[str, ...] = ()

    @property
    def is_word(self) -> bool:
        return (
            not self.quoted
            and not self.citation
            and len(self.tokens) == 1
            and self.text.lower() == self.tokens[0]
        )

    @property
    def word(self) -> str:
        return self.corrected or self.tokens[0]

    def display(self, *, suggested: bool = False) -> str:
        sign = "-" if self.negated else ""
        joined = f"{OR} " if self.or_before else ""
        if self.quoted:
            return f'{joined}{sign}"{self.original}"'
        word = (suggested and self.suggested) or self.corrected or self.original
        return f"{joined}{sign}{word}"


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
        """Something was typed that is a word (not only punctuation or operators)."""
        return bool(self.chunks)

    @property
    def positive(self) -> bool:
        """Something to look for, not only things to leave out (`-asylum` alone finds
        nothing: the whole library without one word is not a search)."""
        return any(not chunk.negated for chunk in self.chunks)

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
                and not chunk.negated  # a word left out is not why nothing was found
                and _is_alpha(chunk.tokens[0])
                and SUGGESTION_MIN_LETTERS <= len(chunk.tokens[0]) < CORRECTION_MIN_LETTERS
            }
        )

    def prefix_word(self) -> str | None:
        if not self.prefix_last or not self.chunks:
            return None
        last = self.chunks[-1]
        if (
            last.is_word
            and not last.negated
            and _is_alpha(last.tokens[0])
            and len(last.tokens[0]) >= PREFIX_MIN_LETTERS
        ):
            return last.tokens[0]
        return None

    def display(self, *, suggested: bool = False) -> str:
        """The query as searched (corrections in), or with `suggested` as it would be with
        the suggestions taken."""
        return " ".join(chunk.display(suggested=suggested) for chunk in self.chunks)


def _is_alpha(word: str) -> bool:
    return bool(_ALPHA.fullmatch(word))


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text).lower()))


def _ends_with_minus(text: str) -> bool:
    """`text` ends with a "-" that starts a word (what comes next is excluded)."""
    return text.endswith("-") and (len(text) == 1 or text[-2].isspace())


def _citation_alternatives(found: re.Match) -> tuple[str, ...]:
    """The phrases a citation is matched as, beyond itself: the U.S.C. with and without its
    dots; an INA section also as "section N(...)" and the reverse."""
    if found["code"]:
        title, section = found["title"], found["code_section"]
        if found["book"].upper().startswith("U"):
            return (f"{title} U.S.C. {section}", f"{title} USC {section}")
        return (f"{title} C.F.R. {section}", f"{title} CFR {section}")
    if found["reporter"] and found["cite"] != found["reporter"]:
        return (found["cite"],)
    if found["statute"]:
        section = found["statute_section"]
        return (f"INA {section}", f"section {section}")
    return ()


class _Pending:
    """Operators typed before the next chunk ("-", "OR")."""

    def __init__(self):
        self.negated = False
        self.or_before = False

    def take(self, chunk: Chunk, chunks: list[Chunk]) -> None:
        chunk.negated = self.negated
        # OR joins two things to look for; before the first chunk, or next to an exclusion,
        # it means nothing and is dropped.
        chunk.or_before = (
            self.or_before and not chunk.negated and bool(chunks) and not chunks[-1].negated
        )
        self.negated = self.or_before = False
        chunks.append(chunk)


def _unquoted(part: str, pending: _Pending, chunks: list[Chunk]) -> None:
    """Words, operators and citations of a stretch of text outside quotes."""
    position = 0
    for found in [*_CITATION.finditer(part), None]:
        end = found.start() if found else len(part)
        for piece in part[position:end].split():
            if piece == OR:
                pending.or_before = True
                continue
            # "-word" excludes; a "-" on its own ("asylum - a guide") is punctuation.
            negated = piece.startswith("-")
            stripped = _EDGE.sub("", piece)
            tokens = _tokens(stripped)
            if tokens:
                pending.negated = negated
                pending.take(Chunk(original=stripped, text=fold(stripped), tokens=tokens), chunks)
        if found is None:
            break
        pending.negated = _ends_with_minus(part[: found.start()])
        written = " ".join(found.group().split())
        pending.take(
            Chunk(
                original=written,
                text=fold(written),
                tokens=_tokens(written),
                citation=True,
                alternatives=tuple(fold(a) for a in _citation_alternatives(found)),
            ),
            chunks,
        )
        position = found.end()


def parse(query: str) -> ParsedQuery:
    """Cut `query` into chunks. Unbalanced quotes are ignored; anything goes."""
    text = _CONTROL.sub(" ", (query or "")[:MAX_QUERY_CHARACTERS].translate(_QUOTES))
    prefix_last = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    chunks: list[Chunk] = []
    pending = _Pending()
    parts = text.split('"')
    # Parts at odd positions were inside a pair of quotes; a last odd part has no closing
    # quote, so it is read as ordinary words.
    closed = len(parts) % 2 == 1
    for index, part in enumerate(parts):
        inside = index % 2 == 1 and (closed or index < len(parts) - 1)
        if not inside:
            _unquoted(part, pending, chunks)
            # An "OR" (kept pending) or a "-" right before the next opening quote belongs
            # to that phrase.
            pending.negated = index + 1 < len(parts) and _ends_with_minus(part)
            continue
        phrase = " ".join(part.split())
        tokens = _tokens(phrase)
        if tokens:
            pending.take(
                Chunk(original=phrase, text=fold(phrase), tokens=tokens, quoted=True), chunks
            )
        else:
            pending.negated = pending.or_before = False
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
                tokens = _tokens(term)
                if 0 < len(tokens) <= MAX_SYNONYM_WORDS:
                    by_tokens.setdefault(tokens, len(kept))
            kept.append(terms)
        return cls(groups=kept, by_tokens=by_tokens)


@dataclass
class _Unit:
    """What one operand of the query stands for: a chunk, or a run of chunks that spells a
    synonym (`group`)."""

    chunks: list[Chunk]
    group: int | None = None

    @property
    def negated(self) -> bool:
        return self.chunks[0].negated

    @property
    def or_before(self) -> bool:
        return self.chunks[0].or_before


def _units(parsed: ParsedQuery, synonyms: SynonymIndex) -> list[_Unit]:
    """The query's operands: the longest runs of plain typed chunks (no quotes, citations,
    operators inside) that spell a synonym, and every other chunk on its own."""
    chunks = parsed.chunks
    units: list[_Unit] = []
    index = 0
    while index < len(chunks):
        group = None
        span = 1
        first = chunks[index]
        if not first.quoted and not first.citation and not first.negated:
            tokens: tuple[str, ...] = ()
            for end in range(index, min(len(chunks), index + MAX_SYNONYM_WORDS)):
                chunk = chunks[end]
                if chunk.quoted or chunk.citation or chunk.negated:
                    break
                if end > index and chunk.or_before:
                    break
                tokens += (chunk.word,) if chunk.is_word else chunk.tokens
                if tokens in synonyms.by_tokens:
                    group, span = synonyms.by_tokens[tokens], end - index + 1
        units.append(_Unit(chunks=chunks[index : index + span], group=group))
        index += span
    return units


def has_strict_form(parsed: ParsedQuery, synonyms: SynonymIndex) -> bool:
    """Whether the query has a synonym typed in several words: then the resources with
    those words side by side (or the synonym) rank before those with the words apart."""
    return any(u.group is not None and len(u.chunks) > 1 for u in _units(parsed, synonyms))


def tsquery_sql(
    parsed: ParsedQuery,
    synonyms: SynonymIndex,
    *,
    for_ranking: bool = False,
    strict: bool = False,
) -> tuple[str, list]:
    """An SQL expression of type tsquery for the parsed query, and its parameters.

    Phrases match through `search_phrase_query` (their pairs of common words first, see
    search.lexemes); `for_ranking` gives the same query with plain phrases, for ts_rank_cd
    and ts_headline over vectors and text that have no pairs. `strict` reads a synonym
    typed in several words as that phrase or its synonyms only (the better tier of results:
    see search.selectors.keyword_match)."""
    phrase = f"phraseto_tsquery('{CONFIG}', %s)" if for_ranking else "search_phrase_query(%s)"
    params: list = []
    prefix = parsed.prefix_word()
    last = parsed.chunks[-1] if parsed.chunks else None

    def phrases(texts) -> str:
        alternatives = []
        for text in texts:
            alternatives.append(phrase)
            params.append(text)
        return alternatives[0] if len(alternatives) == 1 else "(" + " || ".join(alternatives) + ")"

    def chunk_sql(chunk: Chunk, *, as_prefix: bool = True) -> str:
        if not chunk.is_word:
            return phrases(chunk.alternatives or (chunk.text,))
        word = chunk.word
        if as_prefix and chunk is last and prefix is not None and not chunk.corrected:
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
            return "(" + " || ".join(alternatives) + ")"
        params.append(word)
        return f"plainto_tsquery('{CONFIG}', %s)"

    def unit_sql(unit: _Unit) -> str:
        if unit.group is None:
            return chunk_sql(unit.chunks[0])
        terms = synonyms.groups[unit.group]
        if strict and len(unit.chunks) > 1:
            return phrases(fold(term) for term in terms)  # the typed words side by side
        # What was typed, as typed (words anywhere), or any other term of the group. A
        # typed term is complete: its last word is not a prefix ("PSG" is not "psgx...").
        typed = " && ".join(chunk_sql(chunk, as_prefix=False) for chunk in unit.chunks)
        spelled = tuple((chunk.word,) if chunk.is_word else chunk.tokens for chunk in unit.chunks)
        typed_tokens = tuple(token for tokens in spelled for token in tokens)
        others = [fold(term) for term in terms if _tokens(term) != typed_tokens]
        if not others:
            return typed
        return f"(({typed}) || {phrases(others)})"

    # OR binds tighter than the implicit AND: `a b OR c d` is a, (b or c), d.
    groups: list[list[str]] = []
    for unit in _units(parsed, synonyms):
        sql = unit_sql(unit)
        if unit.negated:
            groups.append([f"!!{sql}"])
        elif unit.or_before and groups:
            groups[-1].append(sql)
        else:
            groups.append([sql])
    terms = [group[0] if len(group) == 1 else "(" + " || ".join(group) + ")" for group in groups]
    return " && ".join(terms), params
