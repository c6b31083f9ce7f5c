"""Computing the code an authenticator app would show, for tests that sign staff in."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

KNOWN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"


def totp_code(secret: str = KNOWN_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
