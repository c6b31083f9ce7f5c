"""Logging filters."""

from __future__ import annotations

import logging
import re

# "GET /ta-library/12345/?q=Maria+Lopez HTTP/1.1" -> "GET /ta-library/12345/ HTTP/1.1"
_QUERY = re.compile(r"\?[^\s\"]*")


def without_query_string(text: str) -> str:
    return _QUERY.sub("", text)


class StripQueryString(logging.Filter):
    """Drop query strings from access-log lines (runserver's `django.server` logger).

    SECURITY (S19): library searches are GETs and an attorney may type a client's name into
    one; the path is enough to read the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = without_query_string(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query_string(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True
