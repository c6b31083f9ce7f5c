"""Links into the Expert Witness Database, kept in one place (the TA Library's blue box)."""

from urllib.parse import urlencode

from django.urls import reverse

COUNTRY_CONDITIONS = "country_conditions"


def expert_search_url(*, country: str = "") -> str:
    """The expert search, with country conditions experts for `country` selected."""
    params = {"type": COUNTRY_CONDITIONS}
    if country:
        params["country"] = country
    return f"{reverse('experts:search')}?{urlencode(params)}"
