"""Filter selections from the URL and disjunctive facet counts over the catalogue bitmaps.

Values within a group are OR-ed, groups are AND-ed. A value's count is the size the result
would have if that value were added to the current selection: its own group's selection is
left out (OR would only add), the other groups' selections and "authored by CGRS" apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pyroaring import BitMap, FrozenBitMap

from cgrs.facets import disjunctive_counts, selected, union
from ta_library.index import GROUP_NAMES, GROUPS, CatalogueIndex, FacetValue

# The "authored by CGRS" checkbox, counted as a group of one value.
CGRS = "cgrs"
# More values than any group has: a longer list in the URL is hostile, not a selection.
MAX_VALUES_PER_GROUP = 60


@dataclass(frozen=True)
class Selection:
    """What the filter form asks for, restricted to values the catalogue knows."""

    chosen: dict = field(default_factory=dict)  # group -> frozenset of keys
    cgrs_only: bool = False

    def keys(self, group: str) -> frozenset:
        return self.chosen.get(group, frozenset())

    @property
    def is_empty(self) -> bool:
        return not self.cgrs_only and not any(self.chosen.values())

    @property
    def count(self) -> int:
        """How many filter values are chosen (shown on the collapsed filters on a phone)."""
        return sum(len(keys) for keys in self.chosen.values()) + self.cgrs_only


def parse_selection(params, index: CatalogueIndex) -> Selection:
    """Unknown or malformed values are dropped silently (a stale bookmark still opens)."""
    chosen = {}
    for group, param, _legend in GROUPS:
        known = index.by_slug[group]
        keys = set()
        for raw in params.getlist(param)[:MAX_VALUES_PER_GROUP]:
            value = known.get(raw.strip().lower()[:80])
            if value is not None:
                keys.add(value.key)
        if keys:
            chosen[group] = frozenset(keys)
    return Selection(chosen=chosen, cgrs_only=params.get("cgrs") == "1")


@dataclass
class FacetOption:
    value: FacetValue
    count: int
    selected: bool

    @property
    def slug(self) -> str:
        return self.value.slug

    @property
    def label(self) -> str:
        return self.value.label


@dataclass
class FacetGroup:
    name: str
    param: str
    legend: str
    options: list[FacetOption]
    selected_count: int = 0

    @property
    def html(self) -> SafeString:
        """The group's fieldset. Built here rather than in the template: ~100 options are the
        page's hottest loop and the template engine costs ~10x more per option (docs/performance.md:
        "keep facet rendering simple"). Labels and slugs are escaped; counts are ints."""
        items = [
            f'<li class="facet-option{"" if o.count or o.selected else " is-zero"}">'
            f"{o.value.html_input}{' checked' if o.selected else ''}{o.value.html_label}"
            f"{o.count:d})</span></label></li>"
            for o in self.options
        ]
        # Every interpolated text is escaped: in FacetValue.prepare_html, and the legend here.
        return mark_safe(
            f'<fieldset class="facet-group"><legend>{escape(self.legend)}</legend>'
            f'<ul class="facet-list">{"".join(items)}</ul></fieldset>'
        )


@dataclass
class FacetResult:
    result: BitMap  # positions of the resources the selection returns
    groups: list[FacetGroup]
    cgrs_count: int

    @property
    def total(self) -> int:
        return len(self.result)


def _chosen(index: CatalogueIndex, selection: Selection) -> dict:
    # Per group, the resources with any chosen value (values of one group are OR'd).
    chosen = {
        group: union(index.bitmap(group, key) for key in selection.keys(group))
        for group in GROUP_NAMES
        if selection.keys(group)
    }
    if selection.cgrs_only:
        chosen[CGRS] = index.cgrs
    return chosen


def selection_count(
    index: CatalogueIndex, base: FrozenBitMap | BitMap, selection: Selection
) -> int:
    """How many resources in `base` the selection returns, without the facet counts
    (cgrs.facets.selected, the rule `facet_counts`' result follows)."""
    return len(selected(base, _chosen(index, selection)))


def facet_counts(index: CatalogueIndex, base: FrozenBitMap | BitMap, selection: Selection):
    """The selection's result within `base` and every group's counts (bitmap work only,
    counted by cgrs.facets.disjunctive_counts; "authored by CGRS" is one more group)."""
    chosen = _chosen(index, selection)
    options = {group: index.option_bitmaps(group) for group in GROUP_NAMES}
    options[CGRS] = [index.cgrs]
    result, counts = disjunctive_counts(base, chosen, options)
    groups = []
    for group, param, legend in GROUPS:
        keys = selection.keys(group)
        group_options = [
            FacetOption(value, count, value.key in keys)
            for value, count in zip(index.facet_values(group), counts[group], strict=True)
        ]
        groups.append(FacetGroup(group, param, str(legend), group_options, len(keys)))
    return FacetResult(result, groups, counts[CGRS][0])
