"""The catalogue as per-process bitmaps: what every library page filters, counts and pages.

Each published resource gets a *position*: its place in "newest first" order (published_on
descending, then id descending). Every facet value, audience and flag is a
`pyroaring.BitMap` of positions, so

- a filter is unions (OR within a group) and intersections (AND across groups),
- a facet count is one `intersection_cardinality`,
- "newest first" is ascending position order, and a page is a slice of the result bitmap,

and then a single query fetches the page's 20 rows (see PERFORMANCE.md). The bitmaps are
rebuilt when the catalogue version (one row, bumped by every write service in
ta_library.services) differs from the one they were built at; reading it is the one query
each request pays for the index.
"""

from __future__ import annotations

import threading
from array import array
from dataclasses import dataclass, field

from django.db import connections
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from pyroaring import BitMap, FrozenBitMap

from ta_library.models import ATTORNEY_AUDIENCES, EXPERT_AUDIENCES, CatalogueVersion, Resource
from ta_library.rules import CONSTRAINING_DIMENSIONS, CaseProfile
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

# Facet groups in the order the filter pane shows them: (group, URL parameter, legend).
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("type", "type", _("Type of document")),
    ("country", "country", _("Country")),
    ("persecution", "persecution", _("Type of persecution")),
    ("stage", "stage", _("Procedural stage")),
    ("protection", "protection", _("Protection sought")),
    ("topic", "topic", _("Topic")),
)
GROUP_NAMES = tuple(group for group, _param, _legend in GROUPS)
TERM_MODELS = {
    "type": ResourceType,
    "persecution": PersecutionType,
    "stage": ProceduralStage,
    "protection": ProtectionType,
    "topic": Topic,
}
M2M_FIELDS = {
    "persecution": "persecution_types",
    "protection": "protection_types",
    "stage": "procedural_stages",
    "topic": "topics",
}
# How many case profiles' curated bitmaps each process remembers.
CURATED_CACHE_SIZE = 512


@dataclass
class FacetValue:
    key: int | str  # term id, or ISO country code
    slug: str  # what the URL carries
    label: str
    # The option's markup around its checked state and count, escaped once per index build
    # (see ta_library.facets.FacetGroup.html).
    html_input: str = ""
    html_label: str = ""

    def prepare_html(self, param: str) -> None:
        input_id = escape(f"f-{param}-{self.slug}")
        self.html_input = (
            f'<input type="checkbox" name="{escape(param)}" value="{escape(self.slug)}" '
            f'id="{input_id}"'
        )
        self.html_label = (
            f'><label for="{input_id}">{escape(self.label)} <span class="facet-count">('
        )


@dataclass
class CatalogueIndex:
    version: int
    ids: array = field(default_factory=lambda: array("q"))  # position -> resource id
    position_of: dict[int, int] = field(default_factory=dict)  # resource id -> position
    everything: FrozenBitMap = field(default_factory=FrozenBitMap)
    attorney_audience: FrozenBitMap = field(default_factory=FrozenBitMap)
    expert_audience: FrozenBitMap = field(default_factory=FrozenBitMap)
    cgrs: FrozenBitMap = field(default_factory=FrozenBitMap)
    general: FrozenBitMap = field(default_factory=FrozenBitMap)
    country_specific: FrozenBitMap = field(default_factory=FrozenBitMap)
    # group -> key -> positions; country bitmaps hold country-specific material only.
    bitmaps: dict[str, dict] = field(default_factory=dict)
    # dimension -> positions of resources with no tag on it (for the matching rule).
    untagged: dict[str, FrozenBitMap] = field(default_factory=dict)
    values: dict[str, list[FacetValue]] = field(default_factory=dict)
    by_slug: dict[str, dict[str, FacetValue]] = field(default_factory=dict)
    by_key: dict[str, dict] = field(default_factory=dict)
    type_names: dict[int, str] = field(default_factory=dict)
    _curated: dict = field(default_factory=dict)
    _countries: dict = field(default_factory=dict)  # language -> (values, by code)

    def facet_values(self, group: str) -> list[FacetValue]:
        """A group's values in display order, labelled in the active language."""
        if group != "country":
            return self.values[group]
        return self._country_values()[0]

    def facet_value(self, group: str, key) -> FacetValue | None:
        if group != "country":
            return self.by_key[group].get(key)
        return self._country_values()[1].get(key)

    def _country_values(self):
        language = get_language() or ""
        cached = self._countries.get(language)
        if cached is None:
            names = dict(all_countries)  # translated into the active language
            values = sorted(
                (
                    FacetValue(v.key, v.slug, str(names.get(v.key, v.key)))
                    for v in self.values["country"]
                ),
                key=lambda value: value.label,
            )
            for value in values:
                value.prepare_html("country")
            cached = self._countries[language] = (values, {v.key: v for v in values})
        return cached

    def __len__(self) -> int:
        return len(self.ids)

    def bitmap(self, group: str, key) -> FrozenBitMap:
        return self.bitmaps[group].get(key, EMPTY)

    def positions_of_ids(self, resource_ids) -> list[int]:
        """Positions of those ids that are in the catalogue, in the order given."""
        position_of = self.position_of
        return [position_of[i] for i in resource_ids if i in position_of]

    def ids_at(self, positions) -> list[int]:
        ids = self.ids
        return [ids[p] for p in positions]

    def curated(self, profile: CaseProfile) -> FrozenBitMap:
        """Every resource `ta_library.rules.match_reasons` puts in a case with this profile,
        computed with bitmaps (same rule; tests/ta_library/test_rules.py checks they agree).
        """
        cached = self._curated.get(profile)
        if cached is not None:
            return cached
        country = self.bitmaps["country"].get(profile.country, EMPTY)
        by_country = self.country_specific & country
        claim = BitMap(self.everything) - self.country_specific
        shared = BitMap()
        for dimension in ("persecution", "protection", "stage", "topic"):
            case_terms = getattr(profile, dimension)
            terms = BitMap.union(BitMap(), *(self.bitmap(dimension, t) for t in case_terms))
            shared |= terms
            if dimension in CONSTRAINING_DIMENSIONS:
                claim &= terms | self.untagged[dimension]
        claim &= shared
        result = FrozenBitMap(self.general | by_country | claim)
        if len(self._curated) >= CURATED_CACHE_SIZE:
            self._curated.pop(next(iter(self._curated)))
        self._curated[profile] = result
        return result


EMPTY = FrozenBitMap()


def current_version(using: str = "default") -> int:
    """The catalogue version: one query (0 before the first write)."""
    row = CatalogueVersion.objects.using(using).filter(pk=1).values_list("version", flat=True)
    return row.first() or 0


def build_index(version: int, using: str = "default") -> CatalogueIndex:
    """Read the published catalogue into bitmaps (10 queries, whatever its size).

    One sorted scan of the published resources gives the positions and the per-resource
    flags; each tag table comes back as one array of resource ids per term, mapped to
    positions here (no ORM objects, no per-row bitmap inserts: ~0.5 s at 100k)."""
    index = CatalogueIndex(version=version)
    terms = {
        group: list(model.objects.using(using).order_by("position", "name"))
        for group, model in TERM_MODELS.items()
    }
    index.type_names = {t.id: t.name for t in terms["type"]}
    country_specific_types = {t.id for t in terms["type"] if t.country_specific}
    attorney_audiences, expert_audiences = set(ATTORNEY_AUDIENCES), set(EXPERT_AUDIENCES)
    ids: list[int] = []
    attorneys, experts, cgrs, general, specific = [], [], [], [], []
    by_type: dict[int, list[int]] = {}
    by_country: dict[str, list[int]] = {}
    m2m: dict[str, list] = {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT id, resource_type_id, authored_by_cgrs, relevant_to_every_case, audience, "  # noqa: S608
            f"countries FROM {Resource._meta.db_table} WHERE is_published "
            "ORDER BY published_on DESC, id DESC"
        )
        for position, (rid, type_id, by_cgrs, every_case, audience, codes) in enumerate(
            cursor.fetchall()
        ):
            ids.append(rid)
            if audience in attorney_audiences:
                attorneys.append(position)
            if audience in expert_audiences:
                experts.append(position)
            if by_cgrs:
                cgrs.append(position)
            if every_case:
                general.append(position)
            by_type.setdefault(type_id, []).append(position)
            if type_id in country_specific_types:
                specific.append(position)
                for code in codes or ():
                    by_country.setdefault(code, []).append(position)
        for group, field_name in M2M_FIELDS.items():
            through = getattr(Resource, field_name).through._meta.db_table
            column = f"{TERM_MODELS[group]._meta.model_name}_id"
            cursor.execute(
                f"SELECT {column}, array_agg(resource_id) FROM {through} GROUP BY 1"  # noqa: S608
            )
            m2m[group] = cursor.fetchall()
    index.ids = array("q", ids)
    position_of = index.position_of = dict(zip(ids, range(len(ids)), strict=True))
    index.everything = FrozenBitMap(range(len(ids)))
    index.attorney_audience = FrozenBitMap(attorneys)
    index.expert_audience = FrozenBitMap(experts)
    index.cgrs = FrozenBitMap(cgrs)
    index.general = FrozenBitMap(general)
    index.country_specific = FrozenBitMap(specific)
    index.bitmaps = {
        "type": {key: FrozenBitMap(p) for key, p in by_type.items()},
        "country": {key: FrozenBitMap(p) for key, p in by_country.items()},
    }
    for group, rows in m2m.items():
        get = position_of.get
        bitmaps = {}
        for key, resource_ids in rows:
            # Unpublished resources have no position; None is dropped.
            bitmap = FrozenBitMap(p for p in map(get, resource_ids) if p is not None)
            if bitmap:
                bitmaps[key] = bitmap
        index.bitmaps[group] = bitmaps
        tagged = BitMap.union(BitMap(), *bitmaps.values())
        index.untagged[group] = FrozenBitMap(index.everything - tagged)
    for group in TERM_MODELS:
        index.values[group] = [FacetValue(t.id, t.slug, t.name) for t in terms[group]]
    # Countries: those some country-specific resource covers. Their names depend on the
    # reader's language, so these carry the code only (see CatalogueIndex.facet_values).
    index.values["country"] = [FacetValue(code, code.lower(), code) for code in sorted(by_country)]
    for group, param, _legend in GROUPS:
        if group != "country":
            for value in index.values[group]:
                value.prepare_html(param)
    for group in GROUP_NAMES:
        index.by_slug[group] = {v.slug: v for v in index.values[group]}
        index.by_key[group] = {v.key: v for v in index.values[group]}
    return index


_lock = threading.Lock()
_indexes: dict[str, CatalogueIndex] = {}


def catalogue_index(using: str = "default") -> CatalogueIndex:
    """The current index of this process: one query to check the version; a rebuild only
    after a write somewhere changed the catalogue."""
    version = current_version(using)
    # Keyed by database name too, so the bench's scratch database never shares an index.
    key = f"{using}:{connections[using].settings_dict['NAME']}"
    index = _indexes.get(key)
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _indexes.get(key)
        if index is None or index.version != version:
            index = build_index(version, using)
            _indexes[key] = index
    return index
