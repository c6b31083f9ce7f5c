"""gunicorn settings for the shipped image (`gunicorn cgrs.wsgi:application --config
python:cgrs.gunicorn_conf`). Values can be overridden with GUNICORN_* environment variables."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = "-"
# SECURITY (S19): the path without its query string (%(U)s, not %(r)s), and no referrer
# (%(f)s): library searches are GETs whose ?q= can hold a client's name, and the referrer of
# a download is that search page.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The longest request line gunicorn takes (its own ceiling; its default is 4094). The library
# answers an address longer than its form can make (ta_library.views.MAX_QUERY_STRING, 4096)
# with its "too many filters" page and cuts a pasted paragraph of search text with a notice;
# with the default, gunicorn would refuse those addresses with a bare 400 before Django saw them.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
