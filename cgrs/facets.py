"""Disjunctive facet counts over bitmaps: the one rule both faceted searches count by (the TA
Library's filters and the Expert Witness Database's).

Values within a group are OR-ed, groups are AND-ed. A value's count is the size the result
would have if that value were added to the current selection: its own group's selection is
left out (OR would only add), every other group's applies. A group may leave out more groups
than its own (`also_ignores`): the expert search's type counts leave out the country too,
because the type links drop it.

Each side keeps per-process bitmaps of ids (positions) per value, rebuilt when its data
changes (see cgrs.versioned_cache), so a count is one `intersection_cardinality` and a page
costs no query for its counts, whatever the data's size.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from pyroaring import BitMap, FrozenBitMap

Bitmap = BitMap | FrozenBitMap


class FacetCounts(NamedTuple):
    result: BitMap  # what the whole selection returns within the base
    counts: dict[str, list[int]]  # group -> each option's count, in the options' order


def union(bitmaps: Iterable[Bitmap]) -> BitMap:
    """One group's chosen values OR-ed."""
    return BitMap.union(BitMap(), *bitmaps)


def selected(base: Bitmap, chosen: Mapping[str, Bitmap]) -> BitMap:
    """What the selection returns within `base`: every group's chosen values (`chosen`, each
    already OR-ed by `union`) AND-ed."""
    result = BitMap(base)
    for bitmap in chosen.values():
        result &= bitmap
    return result


def disjunctive_counts(
    base: Bitmap,
    chosen: Mapping[str, Bitmap],
    options: Mapping[str, Sequence[Bitmap | None]],
    *,
    also_ignores: Mapping[str, Collection[str]] | None = None,
) -> FacetCounts:
    """The selection's result within `base`, and each group's options counted.

    `chosen`: for each group with a selection, the union of its chosen values (`union`).
    `options`: for each group, its values' bitmaps in display order (None for a value
    nothing has); a group may be in one and not the other. Bitmap work only."""
    also_ignores = also_ignores or {}
    result = selected(base, chosen)
    counts = {}
    for group, bitmaps in options.items():
        ignored = {group, *also_ignores.get(group, ())}
        if ignored.isdisjoint(chosen):
            others = result
        else:
            others = BitMap(base)
            for other, bitmap in chosen.items():
                if other not in ignored:
                    others &= bitmap
        counts[group] = [
            others.intersection_cardinality(bitmap) if bitmap is not None else 0
            for bitmap in bitmaps
        ]
    return FacetCounts(result, counts)
