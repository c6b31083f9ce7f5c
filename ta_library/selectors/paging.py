"""Paging a bitmap: the sequence the paginator slices (newest first or keyword rank),
and the window of page links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page

from ta_library.index import CatalogueIndex

RESOURCES_PER_PAGE = 20


@dataclass
class PageWindow:
    number: int
    last: int
    previous: int | None
    next: int | None
    pages: list[int | None]


def page_window(page: Page, around: int = 2) -> PageWindow:
    """First, last and `around` pages either side of the current one, None for each gap."""
    number, last = page.number, page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, number - around), min(last, number + around) + 1)})
    pages: list[int | None] = []
    for n in shown:
        if pages and n - pages[-1] > 1:
            pages.append(None)
        pages.append(n)
    return PageWindow(
        number,
        last,
        number - 1 if number > 1 else None,
        number + 1 if number < last else None,
        pages,
    )


class OrderedIds(Sequence):
    """The result as the paginator sees it: a bitmap of ids in newest-first order, or in
    keyword rank (search's explicit ranking, or its tiers each newest first), sliced
    without putting the whole result in order (see CatalogueIndex.in_order)."""

    def __init__(self, index: CatalogueIndex, bitmap, match=None):
        self.index = index
        self.bitmap = bitmap
        self.ranked: list[int] | None = None
        self.tiers: list | None = None
        if match is not None:
            if match.ranked is not None:  # a few hundred at most
                self.ranked = [i for i in dict.fromkeys(match.ranked) if i in bitmap]
            else:
                self.tiers = [tier & bitmap for tier in match.tiers]

    def __len__(self) -> int:
        return len(self.ranked) if self.ranked is not None else len(self.bitmap)

    def __getitem__(self, item):
        if not isinstance(item, slice):
            found = self[item : item + 1] if item >= 0 else self[len(self) + item :][:1]
            if not found:
                raise IndexError(item)
            return found[0]
        if self.ranked is not None:
            return self.ranked[item]
        start, stop, _step = item.indices(len(self))
        if self.tiers is None:
            return self.index.in_order(self.bitmap, start, stop)
        out: list[int] = []
        offset = 0
        for tier in self.tiers:
            size = len(tier)
            if start < offset + size and stop > offset:
                out.extend(self.index.in_order(tier, max(0, start - offset), stop - offset))
            offset += size
        return out
