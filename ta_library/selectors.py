"""Reads of the TA Library with rules: who sees which resource, a library page, news.

A library page costs, whatever the catalogue size: one query for the catalogue version
(ta_library.index; the case library reads it with the case), one for the page's rows (with
their search snippets), plus keyword search's match. Facets, totals, ordering and "why this
matched" come from the bitmaps.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, DateTimeField, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.permissions import is_attorney, is_cgrs_staff, keeps_listing
from cases.models import Case
from cases.selectors import fetch_case, visible_case_number
from redaction.rules import may_show_sample_page
from search import selectors as search
from ta_library.embeds import embed_origin, embed_url
from ta_library.facets import FacetResult, Selection, facet_counts, parse_selection
from ta_library.index import CatalogueIndex, catalogue_index
from ta_library.models import (
    ATTORNEY_AUDIENCES,
    EXPERT_AUDIENCES,
    CaseMatch,
    CatalogueVersion,
    LibraryVisit,
    Resource,
)
from ta_library.rules import (
    DIMENSIONS,
    CaseProfile,
    Match,
    ResourceTags,
    implied_topics,
    match_reasons,
)
from ta_library.visits import new_since_sql

RESOURCES_PER_PAGE = 20
CARD_SUMMARY_WORDS = 45
MAX_QUERY_LENGTH = 200  # characters of keyword search text kept
# Parameters the page keeps in its links besides the facets (search's `exact` included).
KEPT_PARAMS = ("q", "exact", "cgrs", "scope")
CARD_FIELDS = (
    "id",
    "title",
    "summary",
    "resource_type_id",
    "published_on",
    "authored_by_cgrs",
    "author_name",
    "file",
    "external_url",
    "video_url",
    "first_published_at",
)
# Tag a resource carries on a dimension that is none of the case's terms (see _match_tags).
OTHER_TERM = -1


# --- Who sees what -------------------------------------------------------------------------


def resources_for_user(user) -> QuerySet[Resource]:
    """Resources `user` may open: staff everything (unpublished too, as a preview);
    attorneys published attorney material; experts and clinics published expert material."""
    if is_cgrs_staff(user):
        return Resource.objects.all()
    # SECURITY: audience and publication are part of the fetch (S3): an expert asking for an
    # attorney resource, or anyone for an unpublished one, gets a 404.
    if is_attorney(user):
        return Resource.objects.published().for_audience(ATTORNEY_AUDIENCES)
    if keeps_listing(user):
        return Resource.objects.published().for_audience(EXPERT_AUDIENCES)
    return Resource.objects.none()


def audience_bitmap(index: CatalogueIndex, user):
    return index.expert_audience if keeps_listing(user) else (index.attorney_audience)


# --- Cases ---------------------------------------------------------------------------------


def case_profile_queryset() -> QuerySet[Case]:
    """Cases with the term ids the matching needs (their own tags), in the query that
    fetches them.

    Correlated ARRAY(...) subqueries rather than ArrayAgg: no GROUP BY, and about 2 ms less
    to compile on every library request."""
    table = Case._meta.db_table

    def terms(field: str, column: str) -> RawSQL:
        through = Case._meta.get_field(field).remote_field.through._meta.db_table
        # Only table and column names from the models go into the SQL; no request data.
        return RawSQL(  # noqa: S611
            f"ARRAY(SELECT x.{column} FROM {through} x WHERE x.case_id = {table}.id)",  # noqa: S608
            (),
        )

    return Case.objects.annotate(
        persecution_ids=terms("persecution_types", "persecutiontype_id"),
        protection_ids=terms("protection_types", "protectiontype_id"),
    )


@dataclass(frozen=True)
class CaseLibraryState:
    """What a case's library page reads besides the case itself: the catalogue version
    (ta_library.index.catalogue_index), the reader's last visit to this case's library
    ((previous_seen_at, last_seen_at), both None before a first visit: see
    services.visit_record), the resources that came into the library since that visit
    (what the alerts report), and the keyword query's lexicon (None without `q`: see
    search.lexicon_expression)."""

    catalogue_version: int
    last_visit: tuple[datetime.datetime | None, datetime.datetime | None]
    new_match_ids: frozenset[int]
    lexicon: str | None = None


# The columns of CaseLibraryState on the case query, taken off the case again once read.
_STATE_PREFIX = "library_state_"


def _case_library_queryset(user, params) -> QuerySet[Case]:
    """case_profile_queryset plus the library's state for `user` (CaseLibraryState), as
    columns of the same query: the page costs no query more than the case fetch for them."""
    table = Case._meta.db_table
    visits = LibraryVisit._meta.db_table

    def visit(column: str) -> RawSQL:
        # The user's id is a parameter; the rest are table and column names.
        return RawSQL(  # noqa: S611
            f"SELECT v.{column} FROM {visits} v "  # noqa: S608
            f"WHERE v.user_id = %s AND v.case_id = {table}.id",
            (user.pk,),
            output_field=DateTimeField(),
        )

    queryset = case_profile_queryset()
    lexicon = _lexicon_expression(params)
    if lexicon is not None:
        queryset = queryset.annotate(**{f"{_STATE_PREFIX}lexicon": lexicon})
    matches = CaseMatch._meta.db_table
    return queryset.annotate(
        **{
            # Resources that came into the library since the reader's last sitting (what
            # the alerts report): marked new like newly published ones (ta_library.visits).
            f"{_STATE_PREFIX}new_match_ids": RawSQL(  # noqa: S611
                f"ARRAY(SELECT m.resource_id FROM {matches} m WHERE m.case_id = {table}.id "  # noqa: S608
                f"AND m.matched_at > {new_since_sql('%s', '%s', f'{table}.id')})",
                (timezone.now(), user.pk),
            ),
            f"{_STATE_PREFIX}catalogue_version": RawSQL(  # noqa: S611
                f"coalesce((SELECT c.version FROM {CatalogueVersion._meta.db_table} c "  # noqa: S608
                "WHERE c.id = 1), 0)",
                (),
                output_field=BigIntegerField(),
            ),
            f"{_STATE_PREFIX}previous_seen_at": visit("previous_seen_at"),
            f"{_STATE_PREFIX}last_seen_at": visit("last_seen_at"),
        }
    )


def case_library_fetch(request, number: int) -> tuple[Case, CaseLibraryState]:
    """The case with this number if the signed-in person may open its library (else 404),
    and the library's state for them.

    cases.fetch_case is the authorization and writes the audit row; the state's columns
    ride in its one query (a query of their own would cost the page one more), and are
    taken off the case here, so the case carries only its own data."""
    # SECURITY: fetch_case is the authorization (another attorney's number is a 404) and
    # writes the audit row for this read of the case; staff may open any case's library.
    case = fetch_case(
        request,
        number,
        queryset=_case_library_queryset(request.user, request.GET),
        owner_only=False,
    )

    def take(name: str):
        return vars(case).pop(f"{_STATE_PREFIX}{name}", None)

    state = CaseLibraryState(
        catalogue_version=take("catalogue_version"),
        last_visit=(take("previous_seen_at"), take("last_seen_at")),
        new_match_ids=frozenset(take("new_match_ids") or ()),
        lexicon=take("lexicon"),
    )
    return case, state


def case_profile(case: Case, index: CatalogueIndex) -> CaseProfile:
    """What the matching rule compares: from a case of `case_profile_queryset`."""
    persecution = frozenset(case.persecution_ids or ())
    return CaseProfile(
        country=case.country_of_origin.code,
        persecution=persecution,
        protection=frozenset(case.protection_ids or ()),
        stage=frozenset({case.procedural_stage_id}),
        topic=implied_topics(
            index.topic_implications,
            detention_status=case.detention_status,
            age_group_at_harm=case.age_group_at_harm,
            persecution=persecution,
        ),
    )


def _match_tags(index: CatalogueIndex, rid: int, profile: CaseProfile) -> ResourceTags:
    """The resource's tags as far as the rule can tell them apart for this case, from the
    bitmaps: the case's own terms it carries, or OTHER_TERM for "tagged, but not with any
    of the case's terms"."""
    dimensions = {}
    for dimension in (d.name for d in DIMENSIONS):
        shared = {t for t in getattr(profile, dimension) if rid in index.bitmap(dimension, t)}
        if not shared and rid not in index.untagged[dimension]:
            shared = {OTHER_TERM}
        dimensions[dimension] = frozenset(shared)
    country = index.bitmaps["country"].get(profile.country)
    return ResourceTags(
        country_specific=rid in index.country_specific,
        relevant_to_every_case=rid in index.general,
        countries=frozenset({profile.country}) if country and rid in country else frozenset(),
        **dimensions,
    )


def match_labels(index: CatalogueIndex, match: Match | None) -> list[str]:
    """ "Guatemala · domestic violence · immigration court" as a list of labels."""
    if match is None:
        return []
    if match.general:
        return [_("Relevant to every case")]
    if match.country:
        value = index.facet_value("country", match.country)
        return [value.label if value else match.country]
    return [index.facet_value(dimension, term).label for dimension, term in match.claim]


# --- Library pages -------------------------------------------------------------------------


_URL_PLACEHOLDER = 987654321


def _url_pattern(name: str) -> str:
    """A URL with "{pk}" for the resource id: `reverse` costs ~0.1 ms a call, twice per card."""
    pattern = _URL_PATTERNS.get(name)
    if pattern is None:
        pattern = reverse(name, args=[_URL_PLACEHOLDER]).replace(str(_URL_PLACEHOLDER), "{pk}")
        _URL_PATTERNS[name] = pattern
    return pattern


_URL_PATTERNS: dict[str, str] = {}


_LABELS: dict[str, dict[str, str]] = {}


def _labels() -> dict[str, str]:
    """Card labels in the active language, translated once per language, not per card."""
    language = get_language()
    labels = _LABELS.get(language)
    if labels is None:
        labels = _LABELS[language] = {
            "cgrs": _("CGRS"),
            "download": _("Download"),
            "link": _("Open link"),
            "video": _("Watch video"),
        }
    return labels


@functools.lru_cache(maxsize=8192)
def _display_date(day: datetime.date, language: str) -> str:
    # date_format costs ~50 µs; a catalogue has a few thousand distinct dates per language.
    return date_format(day, "DATE_FORMAT")


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


@dataclass
class Card:
    """What a result card shows, prepared here so the template only prints values (the
    card loop is the second-hottest part of the page after the facets)."""

    resource: Resource
    type_name: str
    reasons: list[str] = field(default_factory=list)
    is_new: bool = False
    snippet_html: str = ""
    snippet_page: int | None = None

    def __post_init__(self):
        r = self.resource
        self.title = r.title
        self.detail_url = _url_pattern("ta_library:resource_detail").format(pk=r.pk)
        self.date_iso = r.published_on.isoformat()
        self.date_display = _display_date(r.published_on, get_language())
        self.author = _labels()["cgrs"] if r.authored_by_cgrs else r.author_name
        self.summary_short = Truncator(r.summary).words(CARD_SUMMARY_WORDS)
        self.action_external = False
        if r.file:
            self.action_url = _url_pattern("ta_library:resource_download").format(pk=r.pk)
            self.action_label = _labels()["download"]
        elif r.external_url:
            self.action_url, self.action_label = r.external_url, _labels()["link"]
            self.action_external = True
        elif r.video_url:
            self.action_url, self.action_label = self.detail_url, _labels()["video"]
        else:
            self.action_url = self.action_label = ""

    @property
    def reasons_text(self) -> str:
        return " · ".join(self.reasons)


@dataclass
class LibraryPage:
    facets: FacetResult
    selection: Selection
    page: Page
    cards: list[Card]
    query: str
    corrected: str
    exact: bool
    querystring: str  # the current filters, without `page`

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def window(self) -> PageWindow:
        return page_window(self.page)


class _Ordered(Sequence):
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


def clean_query(params) -> str:
    """The keyword text: control characters (NUL included) dropped, spaces collapsed, cut."""
    text = "".join(ch if ch.isprintable() else " " for ch in params.get("q", "")[:2000])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# -- The search contract (search app): keyword_match, with_snippets. Only called here. --


def _exact(params) -> bool:
    # "Search instead for" what was typed, without spelling correction.
    return params is not None and params.get("exact") == "1"


def _lexicon_expression(params):
    # The keyword query's lexicon as a column of the page's first query (None without q:
    # see _case_library_queryset).
    query = clean_query(params)
    return search.lexicon_expression(query, correct=not _exact(params)) if query else None


def _keyword_match(query: str, *, exact: bool = False, lexicon: str | None = None):
    return search.keyword_match(query, correct=not exact, lexicon=lexicon) if query else None


def _with_snippets(rows: QuerySet[Resource], match) -> QuerySet[Resource]:
    # The page's rows and their snippets in one query; `search.snippet_of` reads them.
    return search.with_snippets(rows, match) if match is not None else rows


def kept_querystring(params, selection: Selection, index: CatalogueIndex) -> str:
    """The state of the form as a query string (known facet values only), without `page`."""
    out = QueryDict(mutable=True)
    for group, keys in selection.chosen.items():
        param = group
        for value in index.values[group]:
            if value.key in keys:
                out.appendlist(param, value.slug)
    for name in KEPT_PARAMS:
        value = clean_query(params) if name == "q" else params.get(name, "")[:10]
        if value:
            out[name] = value
    return out.urlencode()


def library_page(
    *,
    index: CatalogueIndex,
    base,
    params,
    profile: CaseProfile | None = None,
    new_since: datetime.datetime | None = None,
    new_ids: frozenset[int] = frozenset(),
    lexicon: str | None = None,
) -> LibraryPage:
    """One page of a library: `base` (bitmap of the resources this library may show)
    filtered by the form in `params`, with facet counts, newest first (or by keyword rank).

    Queries: the page's rows (with their snippets), plus keyword search's own when `q` is
    given (one fewer with `lexicon`, read with the case: case_library_fetch).
    """
    selection = parse_selection(params, index)
    query = clean_query(params)
    match = _keyword_match(query, exact=_exact(params), lexicon=lexicon)
    if match is not None:
        base = base & match.ids  # both are bitmaps of resource ids
    facets = facet_counts(index, base, selection)
    paginator = Paginator(_Ordered(index, facets.result, match), RESOURCES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    ids = list(page.object_list)
    rows = Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)
    rows = {r.pk: r for r in _with_snippets(rows, match)}
    cards = []
    for rid in ids:
        resource = rows.get(rid)
        if resource is None:  # deleted since the index was built
            continue
        card = Card(resource, index.type_names.get(resource.resource_type_id, ""))
        if profile is not None:
            card.reasons = match_labels(
                index, match_reasons(_match_tags(index, rid, profile), profile)
            )
        if new_since is not None and resource.first_published_at:
            card.is_new = resource.first_published_at > new_since
        # Or it came into this case's library since (alerts report these: same rule).
        card.is_new = card.is_new or rid in new_ids
        snippet = search.snippet_of(resource)
        if snippet is not None:
            # The search app escapes the text and adds only <mark> (see search.selectors.Snippet).
            card.snippet_html = mark_safe(snippet.html)
            card.snippet_page = snippet.page
        cards.append(card)
    return LibraryPage(
        facets=facets,
        selection=selection,
        page=page,
        cards=cards,
        query=query,
        corrected=match.corrected if match is not None else "",
        exact=_exact(params),
        querystring=kept_querystring(params, selection, index),
    )


def case_library_page(
    *,
    case: Case,
    state: CaseLibraryState,
    params,
    whole_library: bool,
    new_since: datetime.datetime | None,
) -> LibraryPage:
    """One page of a case's library (from case_library_fetch): the resources curated to the
    case, or with `whole_library` all attorney material, each card saying why it matches
    the case and whether it is new since `new_since` (services.visit_record) or came into
    the case's library since (CaseLibraryState.new_match_ids).

    Queries: the page's rows, plus keyword search's own match (state.lexicon saves it the
    lexicon's); the catalogue version came with the case."""
    index = catalogue_index(version=state.catalogue_version)
    profile = case_profile(case, index)
    base = index.attorney_audience
    if not whole_library:
        base = base & index.curated(profile)
    return library_page(
        index=index,
        base=base,
        params=params,
        profile=profile,
        new_since=new_since,
        new_ids=state.new_match_ids,
        lexicon=state.lexicon,
    )


def news_page(*, index: CatalogueIndex, params) -> Page:
    """TA Program News: CGRS-authored attorney material, newest first, 20 a page."""
    base = index.cgrs & index.attorney_audience
    page = Paginator(_Ordered(index, base), RESOURCES_PER_PAGE).get_page(params.get("page"))
    ids = list(page.object_list)
    rows = {r.pk: r for r in Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)}
    page.cards = [
        Card(rows[rid], index.type_names.get(rows[rid].resource_type_id, ""))
        for rid in ids
        if rid in rows
    ]
    return page


RELATED_COUNT = 4


def related_resources(index: CatalogueIndex, resource: Resource, base) -> list[Resource]:
    """Newest resources of the same type sharing a persecution type or topic (else any tag)."""
    if resource.pk not in index.everything:
        return []
    shared = index.bitmap("type", resource.resource_type_id) & base
    tags = type(shared)()
    for dimension in ("persecution", "topic"):
        for bitmap in index.bitmaps[dimension].values():
            if resource.pk in bitmap:
                tags |= bitmap
    candidates = (shared & tags) if tags else shared
    candidates = candidates - type(candidates)([resource.pk])
    ids = index.in_order(candidates, 0, RELATED_COUNT)
    rows = {r.pk: r for r in Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)}
    return [rows[i] for i in ids if i in rows]


@dataclass
class ResourcePage:
    """What a resource page shows, and which origins it may frame (its CSP)."""

    resource: Resource
    video_embed_url: str | None
    related: list[Resource]
    tags: list[tuple[str, str]]  # (filtered library URL, term name)
    library_url: str
    from_case: int | None
    case_library_url: str
    frame_sources: list[str]


def library_url_for(user) -> str:
    """The library a person's tag links filter: experts' and clinics' own, else the TA
    Library."""
    if keeps_listing(user):
        return reverse("ta_library:expert_library")
    return reverse("ta_library:browse")


def resource_page(user, pk: int, *, case_param: str | None) -> ResourcePage:
    """The resource `user` may open (else 404), its tags as links into the filtered
    library, related resources, and the way back to the case's library when opened from
    one (`case_param`, the ?case= of its cards). Staff also see unpublished ones."""
    # SECURITY: the scoped fetch decides (audience and publication by role): else 404.
    resource = get_object_or_404(
        resources_for_user(user)
        .select_related("resource_type", "redaction__document")
        .prefetch_related("persecution_types", "protection_types", "procedural_stages", "topics"),
        pk=pk,
    )
    sample = getattr(resource, "redaction", None)
    if sample is not None and not may_show_sample_page(sample):
        raise Http404
    index = catalogue_index()
    video = embed_url(resource.video_url) if resource.video_url else None
    related = related_resources(index, resource, audience_bitmap(index, user))
    library_url = library_url_for(user)
    # Opened from a case's library (its cards link with ?case=): lead back there.
    from_case = visible_case_number(user, case_param)
    tags = []
    for param, terms in (
        ("type", [resource.resource_type]),
        ("persecution", resource.persecution_types.all()),
        ("protection", resource.protection_types.all()),
        ("stage", resource.procedural_stages.all()),
        ("topic", resource.topics.all()),
    ):
        tags.extend((f"{library_url}?{param}={t.slug}", t.name) for t in terms)
    if resource.resource_type.country_specific:
        names = {v.key: v.label for v in index.facet_values("country")}
        tags.extend(
            (f"{library_url}?country={code.lower()}", names.get(code, code))
            for code in resource.countries
        )
    # SECURITY: the page frames only what it shows: our own file URL for a PDF, the
    # privacy-enhanced player of its video (S10).
    frames = []
    if resource.is_pdf:
        frames.append("'self'")
    if video:
        frames.append(embed_origin(resource.video_url))
    return ResourcePage(
        resource=resource,
        video_embed_url=video,
        related=related,
        tags=tags,
        library_url=library_url,
        from_case=from_case,
        case_library_url=(
            reverse("ta_library:case_library", args=[from_case]) if from_case else ""
        ),
        frame_sources=frames,
    )
