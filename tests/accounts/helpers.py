"""Computing the code an authenticator app would show, for tests that sign staff in."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

KNOWN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"


# A code is accepted only in its own period (allauth's default tolerance is none). One taken in
# a period's last seconds can reach the server, on a loaded machine, in the next one.
SAFETY_SECONDS = 4


def totp_code(secret: str = KNOWN_SECRET) -> str:
    """The code for now, taken early enough in its period to still be valid when submitted."""
    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < SAFETY_SECONDS:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
