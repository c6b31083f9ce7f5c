"""The catalogue as per-process bitmaps: what every library page filters, counts and pages.

Every facet value, audience and flag is a `pyroaring.BitMap` of resource ids (the ids
keyword search returns, so a search result is intersected as it comes, with no mapping), so

- a filter is unions (OR within a group) and intersections (AND across groups),
- a facet count is one `intersection_cardinality`,
- "newest first" (published_on descending, then id descending) is the precomputed order
  `ids`, cut into blocks of BLOCK ids: a page of any result bitmap is found by counting the
  result in each block (one C call per block) and ordering only the block(s) the page is in,

and then a single query fetches the page's 20 rows (see docs/performance.md). The bitmaps are
rebuilt when the catalogue version (one row, bumped by every write service in
ta_library.services) differs from the one they were built at; reading it is the one query
each request pays for the index (the case library reads it with the case).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from pyroaring import BitMap, FrozenBitMap

from cgrs.versioned_cache import VersionedCache, stamp_read
from ta_library.models import ATTORNEY_AUDIENCES, EXPERT_AUDIENCES, CatalogueVersion, Resource
from ta_library.rules import DIMENSIONS, CaseProfile, TopicImplication
from taxonomy.models import (
    PersecutionType,
    ProceduralStage,
    ProtectionType,
    ResourceType,
    TermName,
    Topic,
)

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
PARAM_OF = {group: param for group, param, _legend in GROUPS}
TERM_MODELS = {
    "type": ResourceType,
    "persecution": PersecutionType,
    "stage": ProceduralStage,
    "protection": ProtectionType,
    "topic": Topic,
}
M2M_FIELDS = {d.name: d.resource_field for d in DIMENSIONS}
# How many case profiles' curated bitmaps each process remembers.
CURATED_CACHE_SIZE = 512
# Resources per block of the newest-first order (see CatalogueIndex.in_order).
BLOCK = 1024
# Results up to this size are put in order by looking up each id's place.
SMALL_RESULT = 256


@dataclass
class FacetValue:
    key: int | str  # term id, or ISO country code
    slug: str  # what the URL carries
    # In the active language. The index's own values (`CatalogueIndex.values`) carry the
    # term's names in both languages (TermName) or the country's code; `facet_values` gives
    # them labelled for the reader.
    label: str | TermName
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
    ids: array = field(default_factory=lambda: array("q"))  # newest first
    position_of: dict[int, int] = field(default_factory=dict)  # resource id -> place in ids
    # The ids of each BLOCK places of `ids`, in order.
    blocks: list[FrozenBitMap] = field(default_factory=list)
    everything: FrozenBitMap = field(default_factory=FrozenBitMap)
    attorney_audience: FrozenBitMap = field(default_factory=FrozenBitMap)
    expert_audience: FrozenBitMap = field(default_factory=FrozenBitMap)
    cgrs: FrozenBitMap = field(default_factory=FrozenBitMap)
    general: FrozenBitMap = field(default_factory=FrozenBitMap)
    country_specific: FrozenBitMap = field(default_factory=FrozenBitMap)
    # group -> key -> resource ids; country bitmaps hold country-specific material only.
    bitmaps: dict[str, dict] = field(default_factory=dict)
    # dimension -> ids of resources with no tag on it (for the matching rule).
    untagged: dict[str, FrozenBitMap] = field(default_factory=dict)
    values: dict[str, list[FacetValue]] = field(default_factory=dict)
    by_slug: dict[str, dict[str, FacetValue]] = field(default_factory=dict)
    # Resource type id -> its names (a card shows the one in the reader's language).
    type_names: dict[int, TermName] = field(default_factory=dict)
    # The topics an intake implies, from the Topic rows (see ta_library.rules.implied_topics).
    topic_implications: tuple[TopicImplication, ...] = ()
    _curated: dict = field(default_factory=dict)
    _labelled: dict = field(default_factory=dict)  # (group, language) -> (values, by key)
    _options: dict = field(default_factory=dict)  # (group, language) -> bitmaps

    def option_bitmaps(self, group: str) -> list[FrozenBitMap | None]:
        """The bitmaps of `facet_values(group)`, in that order (None: nothing has it)."""
        key = (group, (get_language() or "") if group == "country" else "")
        bitmaps = self._options.get(key)
        if bitmaps is None:
            by_key = self.bitmaps[group]
            bitmaps = self._options[key] = [by_key.get(v.key) for v in self.facet_values(group)]
        return bitmaps

    def facet_values(self, group: str) -> list[FacetValue]:
        """A group's values in display order, labelled in the active language."""
        return self._labelled_values(group)[0]

    def facet_value(self, group: str, key) -> FacetValue | None:
        return self._labelled_values(group)[1].get(key)

    def _labelled_values(self, group: str):
        # Built once per group and language for the life of the index: the option markup is
        # escaped here, not on every page. Terms keep their staff-set order; countries, which
        # carry only their code in the index, are named and sorted in the reader's language.
        language = get_language() or ""
        cached = self._labelled.get((group, language))
        if cached is None:
            if group == "country":
                names = dict(all_countries)  # translated into the active language
                values = sorted(
                    (
                        FacetValue(v.key, v.slug, str(names.get(v.key, v.key)))
                        for v in self.values[group]
                    ),
                    key=lambda value: value.label,
                )
            else:
                values = [FacetValue(v.key, v.slug, str(v.label)) for v in self.values[group]]
            for value in values:
                value.prepare_html(PARAM_OF[group])
            cached = self._labelled[group, language] = (values, {v.key: v for v in values})
        return cached

    def __len__(self) -> int:
        return len(self.ids)

    def bitmap(self, group: str, key) -> FrozenBitMap:
        return self.bitmaps[group].get(key, EMPTY)

    def in_order(self, bitmap, start: int = 0, stop: int | None = None) -> list[int]:
        """The ids of `bitmap` (published resources) from `start` to `stop` in newest-first
        order, without putting the whole bitmap in order: small results are sorted by place;
        otherwise each block's share of the result is counted and only the blocks the slice
        falls in are walked."""
        total = len(bitmap)
        stop = total if stop is None else min(stop, total)
        if start >= stop:
            return []
        if total <= SMALL_RESULT:
            return sorted(bitmap, key=self.position_of.__getitem__)[start:stop]
        out: list[int] = []
        seen = 0
        ids = self.ids
        for number, block in enumerate(self.blocks):
            count = bitmap.intersection_cardinality(block)
            if seen + count <= start:
                seen += count
                continue
            if count:
                shared = bitmap & block
                begin = number * BLOCK
                hits = [i for i in ids[begin : begin + BLOCK] if i in shared]
                out.extend(hits[max(0, start - seen) : stop - seen])
            seen += count
            if seen >= stop:
                break
        return out

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
        for dimension in DIMENSIONS:
            case_terms = getattr(profile, dimension.name)
            terms = BitMap.union(BitMap(), *(self.bitmap(dimension.name, t) for t in case_terms))
            shared |= terms
            if dimension.constrains:
                claim &= terms | self.untagged[dimension.name]
        claim &= shared
        result = FrozenBitMap(self.general | by_country | claim)
        if len(self._curated) >= CURATED_CACHE_SIZE:
            self._curated.pop(next(iter(self._curated)))
        self._curated[profile] = result
        return result


EMPTY = FrozenBitMap()


def current_version() -> int:
    """The catalogue version: one query (0 before the first write)."""
    return stamp_read(CatalogueVersion)


def build_index(version: int) -> CatalogueIndex:
    """Read the published catalogue into bitmaps (10 queries, whatever its size).

    One sorted scan of the published resources gives the newest-first order and the
    per-resource flags; each tag table comes back as one array of resource ids per term,
    which is its bitmap (restricted to the published ones) as it is: no ORM objects, no
    per-row bitmap inserts."""
    index = CatalogueIndex(version=version)
    terms = {
        group: list(model.objects.order_by("position", "name"))
        for group, model in TERM_MODELS.items()
        if group != "topic"
    }
    terms["topic"] = list(_topics_with_implications())
    index.type_names = {t.id: t.names for t in terms["type"]}
    index.topic_implications = tuple(
        TopicImplication(
            topic=t.id,
            by_detention=t.implied_by_detention,
            by_child_harm=t.implied_by_child_harm,
            by_persecution=frozenset(t.implied_persecution_ids),
        )
        for t in terms["topic"]
        if t.implied_by_detention or t.implied_by_child_harm or t.implied_persecution_ids
    )
    country_specific_types = {t.id for t in terms["type"] if t.country_specific}
    attorney_audiences, expert_audiences = set(ATTORNEY_AUDIENCES), set(EXPERT_AUDIENCES)
    ids: list[int] = []
    attorneys, experts, cgrs, general, specific = [], [], [], [], []
    by_type: dict[int, list[int]] = {}
    by_country: dict[str, list[int]] = {}
    m2m: dict[str, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, resource_type_id, authored_by_cgrs, relevant_to_every_case, audience, "  # noqa: S608
            f"countries FROM {Resource._meta.db_table} WHERE is_published "
            "ORDER BY published_on DESC, id DESC"
        )
        for rid, type_id, by_cgrs, every_case, audience, codes in cursor.fetchall():
            ids.append(rid)
            if audience in attorney_audiences:
                attorneys.append(rid)
            if audience in expert_audiences:
                experts.append(rid)
            if by_cgrs:
                cgrs.append(rid)
            if every_case:
                general.append(rid)
            by_type.setdefault(type_id, []).append(rid)
            if type_id in country_specific_types:
                specific.append(rid)
                for code in codes or ():
                    by_country.setdefault(code, []).append(rid)
        for group, field_name in M2M_FIELDS.items():
            through = getattr(Resource, field_name).through._meta.db_table
            column = f"{TERM_MODELS[group]._meta.model_name}_id"
            cursor.execute(
                f"SELECT {column}, array_agg(resource_id) FROM {through} GROUP BY 1"  # noqa: S608
            )
            m2m[group] = cursor.fetchall()
    index.ids = array("q", ids)
    index.position_of = dict(zip(ids, range(len(ids)), strict=True))
    index.blocks = [FrozenBitMap(ids[start : start + BLOCK]) for start in range(0, len(ids), BLOCK)]
    everything = index.everything = FrozenBitMap(ids)
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
        bitmaps = {}
        for key, resource_ids in rows:
            # Unpublished resources are not in the catalogue.
            bitmap = FrozenBitMap(BitMap(resource_ids) & everything)
            if bitmap:
                bitmaps[key] = bitmap
        index.bitmaps[group] = bitmaps
        tagged = BitMap.union(BitMap(), *bitmaps.values())
        index.untagged[group] = FrozenBitMap(everything - tagged)
    for group in TERM_MODELS:
        index.values[group] = [FacetValue(t.id, t.slug, t.names) for t in terms[group]]
    # Countries: those some country-specific resource covers. Their names depend on the
    # reader's language, so these carry the code only (see CatalogueIndex.facet_values).
    index.values["country"] = [FacetValue(code, code.lower(), code) for code in sorted(by_country)]
    for group in GROUP_NAMES:
        index.by_slug[group] = {v.slug: v for v in index.values[group]}
    return index


def _topics_with_implications():
    """Topic rows with the ids of the persecution types that imply them, in one query."""
    through = Topic.implied_by_persecution.through._meta.db_table
    table = Topic._meta.db_table
    # Only table names from the models go into the SQL.
    implied = RawSQL(  # noqa: S611
        f"ARRAY(SELECT x.persecutiontype_id FROM {through} x WHERE x.topic_id = {table}.id)",  # noqa: S608
        (),
    )
    return Topic.objects.annotate(implied_persecution_ids=implied).order_by("position", "name")


# One index per database (see cgrs.versioned_cache): the process's own, or a benchmark's.
_INDEXES: VersionedCache[CatalogueIndex] = VersionedCache(size=4)


def catalogue_index(*, version: int | None = None) -> CatalogueIndex:
    """The current index of this process: one query to check the version (none when the
    caller read `version` already, e.g. with the case: see
    ta_library.selectors.case_library.case_library_fetch); a rebuild only after a write somewhere
    changed the catalogue."""
    if version is None:
        version = current_version()
    return _INDEXES.get("catalogue", version, lambda: build_index(version))
