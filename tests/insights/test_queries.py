"""Queries per insights page stay constant however many outcomes, rows or columns there are."""

import pytest
from django.urls import reverse

from tests.insights.helpers import report

pytestmark = pytest.mark.django_db

PAGES = [
    ("insights:staff", {}),
    ("insights:staff", {"rows": "persecution_type", "columns": "year", "country": "GT"}),
    ("insights:staff", {"rows": "location", "columns": "denial_reason", "persecution_type": "1"}),
    ("insights:staff", {"rows": "adjudicator", "columns": "year"}),
    ("insights:staff_csv", {"rows": "protection_type"}),
]


@pytest.mark.parametrize(("url_name", "params"), PAGES)
def test_staff_pages_take_a_fixed_number_of_queries(
    url_name, params, staff_client, taxonomy_terms, django_assert_num_queries
):
    report(30, country="GT", adjudicator_name="Judge A", rebuild=False)
    report(3, country="HN")
    staff_client.get(reverse(url_name), params)  # warm the session
    with django_assert_num_queries(6 if url_name == "insights:staff" else 5):
        staff_client.get(reverse(url_name), params)
    for n, country in enumerate(["SV", "MX", "CO", "VE", "NI"]):
        report(
            20 + n,
            country=country,
            year=2020 + n,
            decision="granted_asylum",
            location=f"Court {n}",
            adjudicator_name=f"Judge {n}",
            rebuild=False,
        )
    report(150, country="GT", adjudicator_name="Judge B", denial_reasons=["nexus"])
    with django_assert_num_queries(6 if url_name == "insights:staff" else 5):
        staff_client.get(reverse(url_name), params)


def test_attorney_page_takes_a_fixed_number_of_queries(
    client_for, users, taxonomy_terms, django_assert_num_queries
):
    report(30, attorney=users["attorney"])
    client = client_for("attorney")
    client.get(reverse("insights:attorney"))
    with django_assert_num_queries(7):
        client.get(reverse("insights:attorney"))
    report(200, country="HN", year=2021)
    with django_assert_num_queries(7):
        client.get(reverse("insights:attorney"))
