"""Role-by-URL expectations for this app's URLs (see tests/url_matrix.py)."""

from tests.url_matrix import Route, only

# SECURITY: experts and clinics never reach expert referrals (S3).
ROUTES: list[Route] = [
    Route("experts:search", only("attorney", "staff")),
    Route("experts:search", only("attorney", "staff"), query="type=country_conditions&country=GT"),
]
