"""Role-by-URL expectations for this app's URLs (see tests/url_matrix.py)."""

from tests.url_matrix import Route

ROUTES: list[Route] = []
