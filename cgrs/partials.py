"""Partial page updates: our script asks for one region of a page with the X-Partial header;
the view renders the same template, only that partial (django-template-partials)."""

import re

from django.shortcuts import render

_REGION = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")


def requested_region(request) -> str | None:
    region = request.headers.get("X-Partial", "")
    return region if _REGION.match(region) else None


def render_page(request, template: str, context: dict, *, regions: frozenset[str] = frozenset()):
    """Render `template`, or only `template#region` when the script asked for a known region."""
    region = requested_region(request)
    if region and region in regions:
        response = render(request, f"{template}#{region}", context)
        response.headers["Vary"] = "X-Partial"
        return response
    response = render(request, template, context)
    response.headers["Vary"] = "X-Partial"
    return response
