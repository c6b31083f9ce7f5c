"""The production WSGI application with search's result cache off, for `bench_library --cold
--http`: every search in every gunicorn worker ranks again, as one that misses the cache does."""

from cgrs.wsgi import application
from search import selectors

selectors._RESULTS.size = 0

__all__ = ["application"]
