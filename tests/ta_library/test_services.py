"""resource_create refuses an incomplete resource with the reason (Resource.clean's rule,
the same one the admin form and the importer apply)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ta_library.models import Resource
from ta_library.services import resource_create
from tests.ta_library.factories import ResourceTypeFactory, country_conditions_type

pytestmark = pytest.mark.django_db


def _create(**overrides):
    fields = {
        "title": "Practice advisory",
        "summary": "What it covers.",
        "resource_type": ResourceTypeFactory(),
        "published_on": datetime.date(2026, 1, 5),
        "external_url": "https://example.org/advisory",
        **overrides,
    }
    return resource_create(**fields)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"external_url": ""}, "__all__", "Add the content"),
        ({"authored_by_cgrs": False, "author_name": ""}, "author_name", "Name the organization"),
        ({"countries": ["GT"]}, "countries", "Countries apply only to country-specific"),
        ({"video_url": "https://example.org/video.mp4"}, "video_url", "YouTube or Vimeo"),
    ],
)
def test_the_service_refuses_an_incomplete_resource(overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        _create(**overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Resource.objects.exists()


def test_a_complete_resource_is_created():
    video = _create(external_url="", video_url="https://youtu.be/dQw4w9WgXcQ")
    by_others = _create(authored_by_cgrs=False, author_name="A clinic")
    country = _create(resource_type=country_conditions_type(), countries=["gt"])
    assert Resource.objects.count() == 3
    assert (video.video_url, by_others.author_name, country.countries) == (
        "https://youtu.be/dQw4w9WgXcQ",
        "A clinic",
        ["GT"],
    )
