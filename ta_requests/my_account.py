"""The attorney's requests for more help on My Account."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
from ta_requests.selectors import requests_for_attorney

MY_ACCOUNT_REQUESTS = 10


def context(request) -> dict:
    """Two queries whatever the number of requests: the rows (with their case) and the total."""
    requests = requests_for_attorney(request.user)
    return {
        "title": _("My requests for more help"),
        "requests": list(requests[:MY_ACCOUNT_REQUESTS]),
        "total": requests.count(),
        "shown": MY_ACCOUNT_REQUESTS,
    }


SECTIONS = [
    Section(
        roles=frozenset({"attorney"}),
        template="ta_requests/_my_account.html",
        context=context,
        order=15,
    )
]
