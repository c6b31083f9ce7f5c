"""The unsubscribe link's token: signed, expiring, naming only the person."""

from __future__ import annotations

from django.core import signing

SALT = "alerts.unsubscribe"
# Long enough for a weekly digest read late; short enough that an old email forwarded or
# leaked stops working.
MAX_AGE = 60 * 60 * 24 * 60  # 60 days


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=SALT, compress=False)


def unsubscribe_user_id(token: str) -> int | None:
    """The person a token was made for, or None when it is forged, garbled or expired."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
