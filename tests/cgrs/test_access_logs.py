"""S19: access logs carry paths without query strings (a library search's ?q= can hold a
client's name), from runserver (`make run`) and from gunicorn (the shipped image)."""

import datetime
import logging
from types import SimpleNamespace
from urllib.parse import quote_plus

import pytest
from django.core.servers.basehttp import WSGIRequestHandler

import cgrs.gunicorn_conf
from tests.sentinels import CLIENT_NAME

SEARCH_PATH = "/cases/27183/library/"
QUERY = f"q={quote_plus(CLIENT_NAME)}&type=brief"


class Captured(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def captured():
    def attach(logger_name: str) -> Captured:
        handler = Captured()
        logging.getLogger(logger_name).addHandler(handler)
        handlers.append((logger_name, handler))
        return handler

    handlers: list = []
    yield attach
    for name, handler in handlers:
        logging.getLogger(name).removeHandler(handler)


def test_runserver_logs_the_path_without_the_query_string(captured):
    log = captured("django.server")
    # What runserver's request handler logs for every request (django.core.servers.basehttp).
    handler = SimpleNamespace(request=None, log_date_time_string=lambda: "05/Dec/2026 07:00:00")
    WSGIRequestHandler.log_message(
        handler, '"%s" %s %s', f"GET {SEARCH_PATH}?{QUERY} HTTP/1.1", "200", "5120"
    )
    WSGIRequestHandler.log_message(
        handler, '"%s" %s %s', f"GET {SEARCH_PATH}?{QUERY} HTTP/1.1", "404", "179"
    )
    assert len(log.lines) == 2
    for line in log.lines:
        assert f'"GET {SEARCH_PATH} HTTP/1.1"' in line
        assert "Centinela" not in line and "q=" not in line


def test_gunicorn_logs_the_path_without_the_query_string(captured):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    config = Config()
    for name in ("accesslog", "access_log_format"):
        config.set(name, getattr(cgrs.gunicorn_conf, name))
    logger = Logger(config)
    log = captured("gunicorn.access")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{SEARCH_PATH}?{QUERY}",
        "PATH_INFO": SEARCH_PATH,
        "QUERY_STRING": QUERY,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "172.18.0.5",
        "HTTP_REFERER": f"https://ta.example.org{SEARCH_PATH}?{QUERY}",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0, 0, 42000))
    assert len(log.lines) == 1
    line = log.lines[0]
    assert f'"GET {SEARCH_PATH} HTTP/1.1" 200 5120' in line
    assert "Centinela" not in line and "q=" not in line
