"""Encryption at rest for what a redaction record must keep private: the identifiers staff
enter and the page text with word positions (SECURITY S4/S11).

Fernet (AES-128-CBC + HMAC-SHA256) under a key from `settings.REDACTION_KEY`, or, when that
is unset, derived from SECRET_KEY for this one purpose. A database dump alone reveals none of
it. Plain values live only in memory for the request or task that needs them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@cache
def _fernet(secret: str) -> Fernet:
    material = hashlib.sha256(b"cgrs-redaction-at-rest:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(material))


def _cipher() -> Fernet:
    return _fernet(getattr(settings, "REDACTION_KEY", "") or settings.SECRET_KEY)


def seal(value) -> bytes:
    """JSON-encode and encrypt `value` (empty bytes for an empty value)."""
    if not value:
        return b""
    return _cipher().encrypt(json.dumps(value, separators=(",", ":")).encode())


def unseal(token: bytes | memoryview | None, default=None):
    """Decrypt what `seal` wrote; `default` for nothing stored or a token from another key
    (the record then asks staff to enter the identifiers again)."""
    if not token:
        return default
    try:
        return json.loads(_cipher().decrypt(bytes(token)))
    except (InvalidToken, ValueError):
        return default
