"""The home page, signed in: each role is shown what its own account can do."""

import re

import pytest
from django.urls import reverse


def _actions(html: str) -> list[str]:
    listed = re.search(r'<ul class="cluster home-next"[^>]*>(.*?)</ul>', html, re.S)
    assert listed, "no 'What you can do' list on the home page"
    return re.findall(r'href="([^"]+)"', listed.group(1))


@pytest.mark.parametrize(
    ("principal", "expected", "absent"),
    [
        ("attorney", ["cases:list", "ta_library:browse", "experts:search"], ["experts:my_listing"]),
        ("pro_se", ["accounts:my_account", "self_help"], ["cases:list", "ta_library:browse"]),
        ("expert", ["experts:my_listing", "ta_library:expert_library"], ["cases:list"]),
        ("staff", ["staff_home"], ["experts:my_listing"]),
    ],
)
def test_each_role_is_offered_its_own_pages(client_for, principal, expected, absent):
    actions = _actions(client_for(principal).get(reverse("home")).content.decode())
    for name in expected:
        assert reverse(name) in actions, f"{principal} home lacks {name}"
    for name in absent:
        assert reverse(name) not in actions, f"{principal} home offers {name}"
    assert reverse("home") not in actions, "the home page offers itself"


def test_a_person_representing_themselves_is_not_shown_the_attorneys_site(client_for):
    html = client_for("pro_se").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Su página Mi cuenta muestra en qué punto está su registro" in html
    # Not the registration paths, the library's steps or the expert database they cannot use.
    assert 'id="who-title"' not in html and reverse("account_signup") not in html
    assert "Biblioteca de AT: recursos seleccionados" not in html
    visitor = client_for("anonymous").get(reverse("home")).content.decode()
    assert 'id="who-title"' in visitor
