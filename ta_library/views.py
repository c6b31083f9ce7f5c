"""TA Library pages: a case's curated library, the whole library, the expert resource
library, TA Program News, resource pages and their files. Thin: parse, fetch, render."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import keeps_listing, reads_attorney_library, role_required
from cases.selectors import fetch_case, visible_case_number
from cgrs.files import private_file_response
from cgrs.middleware import csp_with_frame_sources
from cgrs.partials import render_page
from experts.links import expert_search_url
from redaction.rules import may_serve_sample, may_show_sample_page
from ta_library import selectors
from ta_library.embeds import embed_origin, embed_url
from ta_library.files import EXTENSION_FOR, content_type_of
from ta_library.index import catalogue_index
from ta_library.services import visit_record

TEMPLATE = "ta_library/library.html"
REGIONS = frozenset({"results"})
# A longer query string is not a filter selection (the form at its fullest is ~3 KB).
MAX_QUERY_STRING = 4096


def _too_long(request):
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return render(request, "ta_library/query_too_long.html", status=400)
    return None


def _render_library(request, context: dict):
    library = context["library"]
    response = render_page(request, TEMPLATE, context, regions=REGIONS)
    status = _("%(count)s resources") % {"count": library.total}
    if library.suggestion:
        # Heard while typing (partial.js announces it), so "Did you mean" is not only seen.
        status += ". " + _("Did you mean %(suggestion)s?") % {"suggestion": library.suggestion}
    # URL-encoded (partial.js decodes it): the suggestion carries what was typed, and a
    # header holds only Latin-1.
    response.headers["X-Partial-Status"] = quote(status, safe=" ,.")
    return response


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def case_library(request, number: int):
    """The TA Library curated to one case (or, with scope=all, the whole library), with the
    blue box to the Expert Witness Database for the client's country."""
    refusal = _too_long(request)
    if refusal:
        return refusal
    # SECURITY: fetch_case is the authorization (another attorney's number is a 404) and
    # writes the audit row for this read of the case.
    case = fetch_case(
        request,
        number,
        queryset=selectors.case_profile_queryset(request.user, request.GET),
        owner_only=False,
    )
    # The catalogue version, the last visit and the keyword query's lexicon came with the
    # case (one query for all four).
    index = catalogue_index(version=case.catalogue_version)
    profile = selectors.case_profile(case, index)
    whole_library = request.GET.get("scope") == "all"
    base = index.attorney_audience
    if not whole_library:
        base = base & index.curated(profile)
    new_since = visit_record(
        user=request.user,
        case=case,
        last_visit=(case.visit_previous_seen_at, case.visit_last_seen_at),
    )
    library = selectors.library_page(
        index=index,
        base=base,
        params=request.GET,
        profile=profile,
        new_since=new_since,
        new_ids=frozenset(case.new_match_ids or ()),
        lexicon=getattr(case, "search_lexicon", None),
    )
    return _render_library(
        request,
        {
            "case": case,
            "library": library,
            # Its cards open resources with ?case=, so their pages lead back here.
            "detail_query": f"?case={case.number}",
            "whole_library": whole_library,
            "expert_search_url": expert_search_url(country=case.country_of_origin.code),
            "country_name": case.country_of_origin.name,
            "form_action": request.path,
        },
    )


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def browse(request):
    """The whole TA Library, with the same filters (tags on resource pages link here)."""
    refusal = _too_long(request)
    if refusal:
        return refusal
    index = catalogue_index()
    library = selectors.library_page(index=index, base=index.attorney_audience, params=request.GET)
    return _render_library(request, {"library": library, "form_action": request.path})


@require_safe
@role_required(Role.EXPERT, Role.CLINIC, Role.STAFF)
def expert_library(request):
    """The Expert Witness Resource Library: published resources for experts."""
    refusal = _too_long(request)
    if refusal:
        return refusal
    index = catalogue_index()
    library = selectors.library_page(index=index, base=index.expert_audience, params=request.GET)
    return _render_library(
        request, {"library": library, "form_action": request.path, "expert_library": True}
    )


@require_safe
def news(request):
    """TA Program News: recent CGRS-authored resources. Summaries are public; the resource
    pages and files are for signed-in attorneys and staff."""
    index = catalogue_index()
    page = selectors.news_page(index=index, params=request.GET)
    user = request.user
    full_access = reads_attorney_library(user)
    return render(request, "ta_library/news.html", {"page_obj": page, "full_access": full_access})


def _library_url_for(user) -> str:
    if keeps_listing(user):
        return reverse("ta_library:expert_library")
    return reverse("ta_library:browse")


@require_safe
@role_required(Role.ATTORNEY, Role.EXPERT, Role.CLINIC, Role.STAFF)
def resource_detail(request, pk: int):
    """A resource: the PDF inline, the external link or the embedded video; its tags as
    links into the filtered library; related resources. Staff also see unpublished ones
    (the admin's preview link)."""
    # SECURITY: the scoped fetch decides (audience and publication by role): else 404.
    resource = get_object_or_404(
        selectors.resources_for_user(request.user)
        .select_related("resource_type", "redaction__document")
        .prefetch_related("persecution_types", "protection_types", "procedural_stages", "topics"),
        pk=pk,
    )
    sample = getattr(resource, "redaction", None)
    if sample is not None and not may_show_sample_page(sample):
        raise Http404
    index = catalogue_index()
    video = embed_url(resource.video_url) if resource.video_url else None
    related = selectors.related_resources(
        index, resource, selectors.audience_bitmap(index, request.user)
    )
    library_url = _library_url_for(request.user)
    # Opened from a case's library (its cards link with ?case=): lead back there.
    from_case = visible_case_number(request.user, request.GET.get("case"))
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
    frames = []
    if resource.is_pdf:
        frames.append("'self'")
    if video:
        frames.append(embed_origin(resource.video_url))
    response = render(
        request,
        "ta_library/resource_detail.html",
        {
            "resource": resource,
            "video_embed_url": video,
            "related": related,
            "tags": tags,
            "library_url": library_url,
            "from_case": from_case,
            "case_library_url": (
                reverse("ta_library:case_library", args=[from_case]) if from_case else ""
            ),
        },
    )
    # SECURITY: this page may frame only what it shows: our own file URL for a PDF, the
    # privacy-enhanced player of its video; every other page frames nothing (S10).
    response.headers["Content-Security-Policy"] = csp_with_frame_sources(frames)
    return response


def _file_response(request, pk: int, *, inline: bool):
    # SECURITY: the same scoped fetch as the resource page; files never have a public URL.
    resource = get_object_or_404(
        selectors.resources_for_user(request.user).select_related("redaction__document"), pk=pk
    )
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    sample = getattr(resource, "redaction", None)
    if sample is not None:
        data = handle.read()
        handle.close()
        # SECURITY: a redacted sample goes out only while the sharing truth table holds for
        # the bytes read now: permission, review, gate, hash (S4, S6).
        if not may_serve_sample(sample, data):
            raise Http404
        handle = io.BytesIO(data)
    content_type = content_type_of(resource.file.name)
    filename = (slugify(resource.title)[:80] or "resource") + EXTENSION_FOR[content_type]
    # SECURITY: inline, framed by our own resource page only (cgrs.files.INLINE_CSP).
    return private_file_response(
        handle, filename=filename, content_type=content_type, inline=inline
    )


@require_safe
@xframe_options_sameorigin
@role_required(Role.ATTORNEY, Role.EXPERT, Role.CLINIC, Role.STAFF)
def resource_file(request, pk: int):
    """The file inline (for the browser's PDF viewer on the resource page)."""
    return _file_response(request, pk, inline=True)


@require_safe
@role_required(Role.ATTORNEY, Role.EXPERT, Role.CLINIC, Role.STAFF)
def resource_download(request, pk: int):
    """The file as a download (Content-Disposition: attachment)."""
    return _file_response(request, pk, inline=False)
