"""The attorney's cases on My Account."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
from cases.selectors import cases_for_attorney, label_latest_outcomes

# My Account shows the most recently changed cases; "All my cases" pages through the rest.
MY_ACCOUNT_CASES = 20


def context(request) -> dict:
    """Two queries whatever the number of cases: the rows (with stage and latest outcome)
    and the total."""
    cases = cases_for_attorney(request.user)
    return {
        "title": _("My cases"),
        "cases": label_latest_outcomes(cases[:MY_ACCOUNT_CASES]),
        "total": cases.count(),
        "shown": MY_ACCOUNT_CASES,
    }


SECTIONS = [
    Section(
        roles=frozenset({"attorney"}),
        template="cases/_my_account.html",
        context=context,
        order=10,
    )
]
