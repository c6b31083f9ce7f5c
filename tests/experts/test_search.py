"""The attorney search: type first, country and topics, fees, availability, clinics,
languages; only listed profiles; disjunctive counts; bad input answered with a form error;
the TA Library's blue box lands with the client's country selected."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experts.links import expert_search_url
from experts.models import Availability, ExpertType, ListingStatus
from tests.experts.factories import ListingFactory

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return re.findall(
        r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def _count(response, group: str, value: str) -> int:
    """The count shown next to one filter value."""
    html = response.content.decode()
    if group == "type":
        match = re.search(
            rf'href="\?type={value}[^"]*"[^>]*>[^<]+<span class="facet-count">\((\d+)\)', html
        )
    elif group == "country":
        match = re.search(rf'<option value="{value}"[^>]*>[^<(]+\((\d+)\)', html)
    else:
        match = re.search(
            rf'id="{group}-{value}"[^>]*><label[^>]*>[^<]+<span class="facet-count">\((\d+)\)', html
        )
    assert match, f"no count for {group}={value}"
    return int(match.group(1))


@pytest.fixture
def catalogue(taxonomy_terms):
    dv = taxonomy_terms["domestic-violence"]
    gangs = taxonomy_terms["gang-violence"]
    return {
        "gt_dv_fee": ListingFactory(display_name="Ana GT DV", countries=["GT"], topics=[dv]),
        "gt_gangs_pro_bono": ListingFactory(
            display_name="Bea GT Gangs",
            countries=["GT", "HN"],
            topics=[gangs],
            fee_terms="pro_bono",
            languages=["en", "fr"],
        ),
        "hn_dv": ListingFactory(display_name="Cam HN DV", countries=["HN"], topics=[dv]),
        "gt_not_accepting": ListingFactory(
            display_name="Dee GT busy", countries=["GT"], availability=Availability.NOT_ACCEPTING
        ),
        "gt_stale": ListingFactory(
            display_name="Eve GT stale",
            countries=["GT"],
            availability_confirmed_at=timezone.now() - timezone.timedelta(days=120),
        ),
        "gt_draft": ListingFactory(
            display_name="Fay GT draft", countries=["GT"], status=ListingStatus.DRAFT
        ),
        "gt_submitted": ListingFactory(
            display_name="Gil GT submitted", countries=["GT"], status=ListingStatus.SUBMITTED
        ),
        "gt_rejected": ListingFactory(
            display_name="Hal GT rejected", countries=["GT"], status=ListingStatus.NOT_LISTED
        ),
        "psych": ListingFactory(
            display_name="Ivy Psychologist",
            expert_types=[ExpertType.MENTAL_HEALTH],
            countries=[],
            topics=[dv],
        ),
        "clinic": ListingFactory(
            clinic=True, display_name="Jay Clinic", fee_terms="pro_bono", topics=[dv]
        ),
    }


def test_the_blue_box_lands_on_country_conditions_experts_for_the_clients_country(
    client_for, catalogue
):
    url = expert_search_url(country="GT")
    assert url == "/experts/?type=country_conditions&country=GT"
    response = client_for("attorney").get(url)
    assert response.status_code == 200
    # Accepting first, then by name; never an unlisted profile.
    assert _names(response) == ["Ana GT DV", "Bea GT Gangs", "Dee GT busy", "Eve GT stale"]
    assert 'value="GT" selected' in response.content.decode()


def test_no_results_until_a_type_is_chosen(client_for, catalogue):
    response = client_for("attorney").get(reverse("experts:search"))
    assert _names(response) == []
    assert _count(response, "type", "country_conditions") == 5
    assert _count(response, "type", "mental_health") == 2  # the psychologist and the clinic
    assert _count(response, "type", "medical") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=country_conditions&country=GT&topic=domestic-violence", ["Ana GT DV"]),
        (
            "type=country_conditions&country=GT&topic=domestic-violence&topic=gang-violence",
            ["Ana GT DV", "Bea GT Gangs"],
        ),
        ("type=country_conditions&country=HN", ["Bea GT Gangs", "Cam HN DV"]),
        ("type=country_conditions&fee=pro_bono", ["Bea GT Gangs"]),
        ("type=country_conditions&country=GT&accepting=1", ["Ana GT DV", "Bea GT Gangs"]),
        ("type=country_conditions&language=fr", ["Bea GT Gangs"]),
        ("type=mental_health", ["Ivy Psychologist", "Jay Clinic"]),
        ("type=mental_health&clinic=1", ["Jay Clinic"]),
        ("type=medical&fee=pro_bono&topic=domestic-violence", ["Jay Clinic"]),
    ],
)
def test_filters(client_for, catalogue, query, expected):
    response = client_for("attorney").get(f"{reverse('experts:search')}?{query}")
    assert response.status_code == 200
    assert _names(response) == expected


def test_counts_say_what_choosing_a_value_would_give(client_for, catalogue):
    response = client_for("attorney").get(
        f"{reverse('experts:search')}?type=country_conditions&country=GT&topic=domestic-violence"
    )
    # Topic counts ignore the topic selection but apply the country: GT has 1 DV, 1 gangs.
    assert _count(response, "topic", "domestic-violence") == 1
    assert _count(response, "topic", "gang-violence") == 1
    # Country counts apply the topic: DV experts on GT 1, on HN 1.
    assert _count(response, "country", "GT") == 1
    assert _count(response, "country", "HN") == 1
    # Fee counts apply both.
    assert _count(response, "fee", "fee") == 1
    assert _count(response, "fee", "pro_bono") == 0
    # The type counts are what the type links give (they drop the country).
    assert _count(response, "type", "mental_health") == 2


def test_a_stale_accepting_flag_is_not_counted_as_accepting(client_for, catalogue):
    response = client_for("attorney").get(
        f"{reverse('experts:search')}?type=country_conditions&country=GT"
    )
    html = response.content.decode()
    assert re.search(
        r'id="filter-accepting"[^>]*><label[^>]*>[^<]+<span class="facet-count">\(2\)', html
    )
    card = html.split("Eve GT stale", 1)[1].split("</li>", 1)[0]
    assert "Availability unknown" in card


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("type=country_conditions&country=ZZ", "We do not know that country"),
        ("type=mental_health&country=GT", "A country applies only to country conditions experts"),
        ("type=country_conditions&topic=not-a-topic", "Choose topics from the list"),
        ("type=country_conditions&fee=free", "Choose fee terms from the list"),
        ("type=country_conditions&language=klingon", "Choose languages from the list"),
        ("type=astrology", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_form_error_and_the_other_filters_still_apply(
    client_for, catalogue, query, message
):
    response = client_for("attorney").get(f"{reverse('experts:search')}?{query}&page=zzz")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_country_mismatch_keeps_the_type(client_for, catalogue):
    response = client_for("attorney").get(
        f"{reverse('experts:search')}?type=mental_health&country=GT"
    )
    assert _names(response) == ["Ivy Psychologist", "Jay Clinic"]


@pytest.mark.parametrize(
    "query",
    [
        "type=" + "x" * 5000,
        "country=%00",
        "topic=" + "&topic=".join(str(i) for i in range(500)),
        "page=99999999999999999999",
        "accepting=maybe&clinic[]=1",
    ],
)
def test_hostile_query_strings_never_500(client_for, catalogue, query):
    assert client_for("attorney").get(f"{reverse('experts:search')}?{query}").status_code == 200


def test_the_partial_update_returns_only_the_results_region(client_for, catalogue):
    response = client_for("attorney").get(
        f"{reverse('experts:search')}?type=country_conditions&country=GT",
        headers={"X-Partial": "results"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Ana GT DV" in html
    assert "X-Partial" in response["Vary"]


def test_the_url_holds_the_filter_state_in_pagination(client_for, taxonomy_terms):
    for i in range(25):
        ListingFactory(display_name=f"Expert {i:02}", countries=["GT"])
    response = client_for("attorney").get(
        f"{reverse('experts:search')}?type=country_conditions&country=GT&accepting=1"
    )
    assert len(_names(response)) == 20
    assert (
        "?type=country_conditions&amp;country=GT&amp;accepting=1&amp;page=2"
        in response.content.decode()
    )
    page_two = client_for("attorney").get(
        f"{reverse('experts:search')}?type=country_conditions&country=GT&accepting=1&page=2"
    )
    assert len(_names(page_two)) == 5


def test_profile_shows_contact_the_vetting_link_and_the_no_endorsement_statement(
    client_for, catalogue
):
    listing = catalogue["gt_dv_fee"]
    response = client_for("attorney").get(reverse("experts:profile", args=[listing.pk]))
    html = response.content.decode()
    assert listing.contact_email in html
    assert reverse("vetting_protocol") in html
    assert "A listing is not an endorsement" in html


@pytest.mark.parametrize("principal", ["expert", "clinic", "pro_se", "anonymous"])
def test_experts_clinics_and_pro_se_never_see_other_listings(client_for, catalogue, principal):
    """SECURITY S3: a sentinel from another expert's contact details never reaches them."""
    client = client_for(principal)
    listing = catalogue["gt_dv_fee"]
    sentinel = listing.contact_email
    for url in [
        reverse("experts:search"),
        expert_search_url(country="GT"),
        reverse("experts:profile", args=[listing.pk]),
        reverse("experts:cv", args=[listing.pk]),
        reverse("accounts:my_account"),
        reverse("experts:my_listing"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404, 200), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert sentinel.encode() not in body, url


def test_an_edit_shows_in_the_search_at_once(client_for, catalogue, taxonomy_terms):
    """The search caches its facet rows per listings' version; every write changes it (more
    in test_index)."""
    from experts.services.availability import availability_lapse_stale
    from experts.services.listing import listing_update
    from tests.experts.test_services import _details

    client = client_for("attorney")
    url = f"{reverse('experts:search')}?type=country_conditions&country=GT&fee=pro_bono"
    assert _names(client.get(url)) == ["Bea GT Gangs"]
    listing = catalogue["gt_dv_fee"]
    listing_update(
        listing=listing, editor=listing.owner, details=_details(listing, fee_terms="pro_bono")
    )
    assert _names(client.get(url)) == ["Ana GT DV", "Bea GT Gangs"]
    ListingFactory(display_name="Ari GT new", countries=["GT"], fee_terms="pro_bono")
    assert _names(client.get(url)) == ["Ana GT DV", "Ari GT new", "Bea GT Gangs"]
    catalogue["gt_gangs_pro_bono"].delete()
    assert _names(client.get(url)) == ["Ana GT DV", "Ari GT new"]
    # A bulk lapse changes the version too.
    accepting = f"{reverse('experts:search')}?type=country_conditions&country=GT&accepting=1"
    assert "Ana GT DV" in _names(client.get(accepting))
    type(listing).objects.filter(pk=listing.pk).update(
        availability_confirmed_at=timezone.now() - timezone.timedelta(days=91)
    )
    availability_lapse_stale()
    assert "Ana GT DV" not in _names(client.get(accepting))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(
                ["type", "country", "topic", "fee", "language", "accepting", "clinic", "page", "x"]
            ),
            st.text(max_size=40),
        ),
        max_size=12,
    )
)
def test_any_query_string_gets_a_page_never_a_500(client_for, catalogue, params):
    """SECURITY S15: property test over the search's query string."""
    from urllib.parse import urlencode

    response = client_for("attorney").get(f"{reverse('experts:search')}?{urlencode(params)}")
    assert response.status_code == 200
