"""The values the engine takes and returns (the contract with the workbench).

Boxes are in PDF points with the origin at the top-left of the page; page indexes are 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    page_index: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.y1 - self.y0)


@dataclass(frozen=True)
class Word:
    """One word with its box on its page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PageText:
    page_index: int
    width: float
    height: float
    words: tuple[Word, ...]
    source: str  # "text" (the page's text layer) | "ocr" | "none"

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


IDENTIFIER_KINDS = ("name", "a_number", "dob", "address", "phone", "email", "other")


@dataclass(frozen=True)
class Identifier:
    kind: str  # one of IDENTIFIER_KINDS
    value: str


@dataclass(frozen=True)
class Proposal:
    box: Box
    kind: str
    reason: str  # human-readable, e.g. "A-number", "Caption: respondent name"
    text: str


@dataclass(frozen=True)
class Finding:
    code: str
    page: int | None  # 0-based page index, or None for the whole file
    detail: str


@dataclass(frozen=True)
class CheckReport:
    passed: bool
    pages: int
    findings: tuple[Finding, ...]

    def as_dict(self) -> dict:
        """The JSON shape `check_redaction --json` prints."""
        return {
            "passed": self.passed,
            "pages": self.pages,
            "findings": [
                {"code": f.code, "page": f.page, "detail": f.detail} for f in self.findings
            ],
        }
