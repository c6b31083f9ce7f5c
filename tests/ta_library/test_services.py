"""resource_create refuses an incomplete resource with the reason (Resource.clean's rule,
the same one the admin form and the importer apply)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from ta_library.models import Resource
from ta_library.services import resource_create
from tests.ta_library.factories import ResourceTypeFactory, country_conditions_type
from tests.ta_library.helpers import docx_bytes

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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a document", "Upload a PDF or a Word (.docx) file."),
        ("javascript_pdf", "JavaScript, automatic actions"),
        ("encrypted_pdf", "password"),
    ],
)
def test_the_service_refuses_a_file_the_admin_would_refuse(content, message):
    """The importer, the demo and publishing a redacted sample all create resources through
    resource_create: the file check is the service's, not only the admin form's."""
    from documents import samples

    data = getattr(samples, content)() if isinstance(content, str) else content
    with pytest.raises(ValidationError) as refused:
        _create(external_url="", file=ContentFile(data, name="advisory.pdf"))
    assert message in " ".join(refused.value.messages)
    assert not Resource.objects.exists()


def test_the_stored_name_carries_the_sniffed_type_not_the_given_name():
    # A Word file named .pdf is stored as .docx under a random name (S7).
    resource = _create(external_url="", file=ContentFile(docx_bytes(), name="client-A123.pdf"))
    assert resource.file.name.endswith(".docx")
    assert "client" not in resource.file.name
