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
