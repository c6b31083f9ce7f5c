"""The bulk import: a CSV plus a folder of files, all or nothing, idempotent."""

import csv

import pytest
from django.core.management import CommandError, call_command

from ta_library.index import catalogue_index
from ta_library.models import Resource
from tests.ta_library.factories import (
    ResourceTypeFactory,
    country_conditions_type,
    persecution,
    topic,
)
from tests.ta_library.helpers import pdf_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "title", "summary", "type", "published_on", "authored_by_cgrs", "author_name", "file",
    "external_url", "video_url", "countries", "persecution_types", "protection_types",
    "procedural_stages", "topics", "relevant_to_every_case", "audience", "published",
]  # fmt: skip


def _write(tmp_path, rows):
    path = tmp_path / "resources.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


@pytest.fixture
def taxonomy():
    ResourceTypeFactory(slug="sample-brief")
    country_conditions_type()
    persecution("domestic-violence")
    topic("credibility")


def _rows(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "brief.pdf").write_bytes(pdf_bytes("Sample brief, Perú"))
    return [
        {
            "title": "Sample brief: domestic violence",
            "summary": "A winning brief.",
            "type": "sample-brief",
            "published_on": "2025-04-01",
            "authored_by_cgrs": "no",
            "author_name": "Tahirih Justice Center",
            "file": "brief.pdf",
            "persecution_types": "domestic-violence",
            "topics": "credibility",
            "published": "yes",
        },
        {
            "title": "Perú: country conditions",
            "summary": "Police response to violence.",
            "type": "country-conditions",
            "published_on": "2025-05-01",
            "external_url": "https://example.org/peru",
            "countries": "PE",
            "published": "yes",
        },
        {
            "title": "Webinar",
            "summary": "Recording.",
            "type": "sample-brief",
            "published_on": "2025-06-01",
            "video_url": "https://youtu.be/aqz-KE-bpKQ",
            "relevant_to_every_case": "yes",
        },
    ]


def test_import_creates_resources_with_files_and_tags_once(tmp_path, taxonomy):
    path = _write(tmp_path, _rows(tmp_path))
    call_command("import_resources", str(path), "--files", str(tmp_path / "files"))
    brief = Resource.objects.get(title="Sample brief: domestic violence")
    assert brief.file.open("rb").read(5) == b"%PDF-"
    assert brief.author_name == "Tahirih Justice Center" and not brief.authored_by_cgrs
    assert [t.slug for t in brief.topics.all()] == ["credibility"]
    assert Resource.objects.get(title="Perú: country conditions").countries == ["PE"]
    assert not Resource.objects.get(title="Webinar").is_published
    assert len(catalogue_index()) == 2
    # Importing the same file again changes nothing.
    call_command("import_resources", str(path), "--files", str(tmp_path / "files"))
    assert Resource.objects.count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "nope"}, "row 2: unknown type"),
        ({"published_on": "01/04/2025"}, "row 2: published_on is not YYYY-MM-DD"),
        ({"file": "../../etc/passwd"}, "row 2: no file"),
        ({"file": "missing.pdf"}, "row 2: no file"),
        ({"persecution_types": "domestic-violence;aliens"}, "row 2: unknown persecution_types"),
        (
            {"authored_by_cgrs": "no", "author_name": ""},
            "row 2: author_name: Name the organization",
        ),
        ({"countries": "GT"}, "row 2: countries: Countries apply only to country-specific"),
        ({"video_url": "https://example.org/v.mp4"}, "row 2: video_url: Use a YouTube or Vimeo"),
    ],
)
def test_one_bad_row_imports_nothing(tmp_path, taxonomy, change, message):
    rows = _rows(tmp_path)
    rows[0].update(change)
    path = _write(tmp_path, rows)
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        call_command("import_resources", str(path), "--files", str(tmp_path / "files"))
    assert not Resource.objects.exists()


def test_a_fake_pdf_is_refused(tmp_path, taxonomy):
    rows = _rows(tmp_path)
    (tmp_path / "files" / "brief.pdf").write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(CommandError, match="Upload a PDF or a Word"):
        call_command(
            "import_resources", str(_write(tmp_path, rows)), "--files", str(tmp_path / "files")
        )
    assert not Resource.objects.exists()
