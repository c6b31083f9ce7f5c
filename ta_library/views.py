"""TA Library pages: a case's curated library, the whole library, the expert resource
library, TA Program News, resource pages and their files. Thin: parse, fetch, render."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import reads_attorney_library, role_required
from cgrs.files import private_file_response
from cgrs.middleware import csp_with_frame_sources
from cgrs.partials import render_page
from experts.links import expert_search_url
from ta_library.extensions import may_serve_sample
from ta_library.files import EXTENSION_FOR, content_type_of
from ta_library.index import catalogue_index
from ta_library.selectors.access import resources_for_user
from ta_library.selectors.case_library import case_library_fetch, case_library_page
from ta_library.selectors.library_page import library_page, news_page
from ta_library.selectors.resource_page import resource_page
from ta_library.services import visit_record

TEMPLATE = "ta_library/library.html"
REGIONS = frozenset({"results"})
# A longer query string is not a filter selection (the form at its fullest is ~3 KB).
MAX_QUERY_STRING = 4096


def _too_long(request):
    """The "too many filters" page for an address longer than the form can make. The keyword
    text does not count: a long search (a pasted paragraph) is cut to the search's own limit
    and the page says so, with the person's filters kept (LibraryPage.query_too_long)."""
    if len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING:
        return None
    without_query = request.GET.copy()
    without_query.pop("q", None)
    if len(without_query.urlencode()) > MAX_QUERY_STRING:
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
    # SECURITY: the authorization (fetch_case: another attorney's number is a 404), with the
    # audit row for this read of the case.
    case, state = case_library_fetch(request, number)
    new_since = visit_record(user=request.user, case=case, last_visit=state.last_visit)
    whole_library = request.GET.get("scope") == "all"
    library = case_library_page(
        case=case,
        state=state,
        params=request.GET,
        whole_library=whole_library,
        new_since=new_since,
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
    library = library_page(index=index, base=index.attorney_audience, params=request.GET)
    return _render_library(request, {"library": library, "form_action": request.path})


@require_safe
@role_required(Role.EXPERT, Role.CLINIC, Role.STAFF)
def expert_library(request):
    """The Expert Witness Resource Library: published resources for experts."""
    refusal = _too_long(request)
    if refusal:
        return refusal
    index = catalogue_index()
    library = library_page(index=index, base=index.expert_audience, params=request.GET)
    return _render_library(
        request, {"library": library, "form_action": request.path, "expert_library": True}
    )


@require_safe
def news(request):
    """TA Program News: recent CGRS-authored resources. Summaries are public; the resource
    pages and files are for signed-in attorneys and staff."""
    index = catalogue_index()
    page = news_page(index=index, params=request.GET)
    user = request.user
    full_access = reads_attorney_library(user)
    return render(request, "ta_library/news.html", {"page_obj": page, "full_access": full_access})


@require_safe
@role_required(Role.ATTORNEY, Role.EXPERT, Role.CLINIC, Role.STAFF)
def resource_detail(request, pk: int):
    """A resource: the PDF inline, the external link or the embedded video; its tags as
    links into the filtered library; related resources."""
    # SECURITY: the scoped fetch inside resource_page decides (audience, publication): else 404.
    page = resource_page(request.user, pk, case_param=request.GET.get("case"))
    response = render(
        request,
        "ta_library/resource_detail.html",
        {
            "resource": page.resource,
            "video_embed_url": page.video_embed_url,
            "related": page.related,
            "tags": page.tags,
            "library_url": page.library_url,
            "from_case": page.from_case,
            "case_library_url": page.case_library_url,
        },
    )
    # SECURITY: this page may frame only what it shows; every other page frames nothing (S10).
    response.headers["Content-Security-Policy"] = csp_with_frame_sources(page.frame_sources)
    return response


def _file_response(request, pk: int, *, inline: bool):
    # SECURITY: the same scoped fetch as the resource page; files never have a public URL.
    resource = get_object_or_404(
        resources_for_user(request.user).select_related("redaction__document"), pk=pk
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
        # the bytes read now: permission, review, gate, hash (S4, S6), as redaction.rules
        # judges them (registered in ta_library.extensions; with none registered, never).
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
