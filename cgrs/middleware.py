"""Response headers Django does not set itself (SECURITY S10)."""

from django.conf import settings

# SECURITY: no 'unsafe-inline'/'unsafe-eval' for scripts or styles; nothing may frame us;
# plugins are off. Pages frame nothing, except a page that sets its own policy through
# csp_with_frame_sources (the TA Library resource page: its PDF, or its video's
# privacy-enhanced player).
CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src {frames}",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
# The only third-party frame sources any page may allow: privacy-enhanced video players.
ALLOWED_FRAME_SOURCES = ("'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com")
DEFAULT_CSP = "; ".join(CSP_DIRECTIVES).format(frames="'none'")


def csp_with_frame_sources(sources) -> str:
    """The default policy with `frame-src` set to `sources` (a subset of
    ALLOWED_FRAME_SOURCES; anything else is dropped; none at all means 'none')."""
    chosen = [s for s in ALLOWED_FRAME_SOURCES if s in set(sources)]
    return "; ".join(CSP_DIRECTIVES).format(frames=" ".join(chosen) or "'none'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        # A view that must be framed by our own pages (the inline PDF viewer) sets its own.
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages for a signed-in user may hold case data: never keep them in shared caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class PlainNotFoundMiddleware:
    """With DEBUG on (`make run`), serve the site's own 404 page instead of Django's debug
    page, which lists every URL pattern of the site to whoever asks for a missing one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from cgrs.errors import page_not_found

            # SECURITY: the debug 404 page is a map of the site; nobody gets it.
            return page_not_found(request)
        return response
