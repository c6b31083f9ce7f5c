"""Response headers Django does not set itself (SECURITY S10)."""

from django.conf import settings

# SECURITY: no 'unsafe-inline'/'unsafe-eval' for scripts or styles; nothing may frame us;
# plugins are off. Video embeds come only from the privacy-enhanced players.
DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


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
