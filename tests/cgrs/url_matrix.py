"""Role-by-URL expectations for the site-wide pages (see tests/url_matrix.py)."""

from tests.url_matrix import Route, everyone

ROUTES: list[Route] = [
    Route("home", everyone()),
    Route("faq", everyone()),
    Route("self_help", everyone()),
    Route("vetting_protocol", everyone()),
    # The health check is for load balancers: public, and it reveals only up/down.
    Route("healthz", everyone()),
    Route("favicon", everyone(301)),
]
