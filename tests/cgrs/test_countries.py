"""Country lists: common names in each language, and no uninhabited places."""

import pytest
from django.utils import translation
from django_countries import countries

from cases.forms import CaseIntakeForm


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("en", "NR", "Nauru"),
        ("en", "CF", "Central African Republic"),
        ("es", "CF", "República Centroafricana"),
        ("es", "SZ", "Esuatini"),
        ("es", "MM", "Myanmar (Birmania)"),
        ("es", "SV", "El Salvador"),
    ],
)
def test_common_names(language, code, name):
    with translation.override(language):
        assert str(dict(countries)[code]) == name


def test_no_uninhabited_places_in_the_intake():
    choices = {code for code, _ in CaseIntakeForm().fields["country_of_origin"].choices}
    assert {"GT", "AF", "NR"} <= choices
    assert not choices & {"AQ", "BV", "HM", "TF", "GS", "UM"}
