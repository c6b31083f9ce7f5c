"""The demo catalogue: big, varied, real files, idempotent."""

import io
import random
from collections import Counter

import pytest
from pypdf import PdfReader

from devtools.demo import ta_library as demo
from devtools.demo import ta_library_text as demo_text
from devtools.demo import taxonomy as taxonomy_demo
from ta_library.models import Audience, Resource
from taxonomy.models import ResourceType, Topic

pytestmark = pytest.mark.django_db


def test_demo_catalogue(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    taxonomy_demo.load(lambda _message: None)
    demo.load(lambda _message: None)
    count = Resource.objects.count()
    assert count >= 300
    demo.load(lambda _message: None)
    assert Resource.objects.count() == count  # idempotent

    types = Counter(Resource.objects.values_list("resource_type__slug", flat=True))
    assert set(types) == set(ResourceType.objects.values_list("slug", flat=True))
    used_topics = set(Resource.objects.values_list("topics__slug", flat=True))
    assert set(Topic.objects.values_list("slug", flat=True)) <= used_topics
    countries = {c for codes in Resource.objects.values_list("countries", flat=True) for c in codes}
    assert len(countries) >= 30
    assert Resource.objects.filter(audience__in=[Audience.EXPERTS, Audience.BOTH]).count() >= 10
    # Recordings link to their page: no borrowed, unrelated video stands in for a webinar.
    assert not Resource.objects.exclude(video_url="").exists()
    assert Resource.objects.exclude(external_url="").count() >= 5
    files = Resource.objects.exclude(file="")
    assert files.count() > count * 0.7
    assert 2 <= files.filter(file__endswith=".docx").count() <= 3
    compendium = Resource.objects.filter(resource_type__slug="case-compendium").first()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(compendium.file.read())).pages)
    assert "I&N Dec." in text
    advisory = Resource.objects.filter(file__endswith=".pdf").first()
    assert len(PdfReader(io.BytesIO(advisory.file.read())).pages) >= 3


def test_demo_summaries_agree_with_their_titles():
    """A lawyer decides from the summary: it says what the title says, about the same claim and
    the same country, never another's."""
    taxonomy_demo.load(lambda _message: None)
    from taxonomy.models import Topic as TopicModel

    topics = {t.slug: t for t in TopicModel.objects.all()}
    countries = {name for name, _police, _fact in demo_text.COUNTRY_FACTS.values()}
    plan = demo._plan(random.Random(demo.SEED))
    for item in plan:
        name = demo_text.COUNTRY_FACTS[item["code"]][0]
        summary = demo._summary(item, name, topics)
        assert summary and summary != item["title"], item["title"]
        if item.get("phrase"):
            assert item["phrase"] in summary, (item["title"], summary)
        others = {c for c in countries if c != name and c in summary}
        assert not others, (item["title"], summary)
        if item["kind"] in {"country-conditions", "universal-expert-declaration"}:
            assert name in summary and name in item["title"]
