"""The production WSGI application with search's result cache off, for `bench_library --cold
--http`: every search in every gunicorn worker ranks again, as one that misses the cache does."""

from cgrs.wsgi import application
from search.selectors import matching

matching._RESULTS.size = 0

__all__ = ["application"]
