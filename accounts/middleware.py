"""Session lifetimes (SECURITY S9) and session activity, at one session write a minute.

Django's rolling cookie (SESSION_SAVE_EVERY_REQUEST) and allauth's activity tracking each
write on every request; on the library's hot pages those writes were most of the SQL. Here a
signed-in session is refreshed at most once per REFRESH_SECONDS:

- idle timeout: the session's expiry (SESSION_COOKIE_AGE) is pushed forward by the refresh,
  and a session whose last refresh is older than that ends here too, so the idle limit
  holds to within a minute even where the store keeps expired rows;
- absolute timeout: a session ends SESSION_ABSOLUTE_SECONDS after sign-in, however active;
- activity (allauth's "last seen", IP and browser per session): recorded with the refresh,
  and at once when the address or browser changes (allauth signals that change).
"""

import hashlib
import time

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_STARTED_KEY = "cgrs_session_started"
SESSION_REFRESHED_KEY = "cgrs_session_refreshed"
SESSION_CLIENT_KEY = "cgrs_session_client"
REFRESH_SECONDS = 60


def _client(request) -> str:
    """A short fingerprint of the address and browser (the session keeps no raw IP)."""
    seen = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return hashlib.blake2b(seen.encode(), digest_size=8).hexdigest()


class SessionLifetimeMiddleware:
    """Ends sessions past either limit; refreshes a live one at most once a minute, and
    records its activity (allauth's UserSessionsMiddleware, but not on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            started = session.setdefault(SESSION_STARTED_KEY, now)
            refreshed = session.get(SESSION_REFRESHED_KEY, now)
            if (
                now - started > settings.SESSION_ABSOLUTE_SECONDS
                or now - refreshed > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                return redirect_to_login(request.get_full_path())
            due = SESSION_REFRESHED_KEY not in session or now - refreshed >= REFRESH_SECONDS
            if due:
                # Marks the session modified: Django saves it with a new expiry.
                session[SESSION_REFRESHED_KEY] = now
            client = _client(request)
            if (due or session.get(SESSION_CLIENT_KEY) != client) and session.session_key:
                session[SESSION_CLIENT_KEY] = client
                UserSession.objects.create_from_request(request)
        return self.get_response(request)
