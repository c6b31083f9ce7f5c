"""Choosing the language the site is read in (links in every page's footer)."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.services import preferred_language_set
from cgrs.language import is_language, remember_language


@require_safe
@never_cache
def choose_language(request, code: str):
    """The language links in every page's header (GOV.UK's language navigation): a link, so it
    carries hreflang and works everywhere. Choosing a language is the only thing it changes;
    for a signed-in person it is also saved on the account, so the next sign-in keeps it."""
    target = request.GET.get("next", "/")
    # SECURITY: only a path on this site; never an open redirect.
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if not is_language(code):
        return response
    if request.user.is_authenticated and request.user.preferred_language != code:
        preferred_language_set(user=request.user, language=code)
    remember_language(response, code)
    return response
