"""A small library with real files, indexed the way production indexes it."""

import datetime

import pytest
from django.core.files.base import ContentFile

from search.services import resource_index, vocabulary_refresh
from ta_library.models import Resource
from taxonomy.models import ResourceType
from tests.search.documents import docx_with_paragraphs, pdf_with_pages


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture
def resource_type(db):
    return ResourceType.objects.get_or_create(slug="compendium", defaults={"name": "Compendium"})[0]


@pytest.fixture
def make_resource(resource_type):
    def make(title, summary="", *, file=None, name="document.pdf", published=True, days=0):
        resource = Resource(
            title=title,
            summary=summary,
            resource_type=resource_type,
            published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=days),
            is_published=published,
        )
        if file is not None:
            resource.file.save(name, ContentFile(file), save=False)
        resource.save()
        return resource

    return make


@pytest.fixture
def index():
    def run(*resources):
        for resource in resources:
            resource_index(resource_id=resource.pk)
        vocabulary_refresh()

    return run


@pytest.fixture
def library(make_resource, index):
    """Named resources of a small library, all indexed, vocabulary built."""
    items = {
        "guatemala": make_resource(
            "Guatemala country conditions compendium",
            "Violence against women in Guatemala and the state's failure to protect.",
            file=pdf_with_pages(
                [
                    "Introduction. This compendium collects reports on Guatemala.",
                    "Under Matter of A-R-C-G-, 26 I&N Dec. 388 (BIA 2014), a particular social "
                    "group can be defined by gender and relationship status. Risk: 5 < 6 & more.",
                    "Persecution by a domestic partner: domestic violence survivors face "
                    "persecution when the police refuse to act.",
                ]
            ),
        ),
        "honduras": make_resource(
            "Honduras gang violence decision bank",
            "Decisions on gang-based claims from Honduras.",
            file=docx_with_paragraphs(
                [
                    "Honduras gangs recruit children by force.",
                    "The Attorney General in Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018) "
                    "addressed private actors. Docket A 208-123-456.",
                    "The immigration judge granted withholding of removal.",
                ]
            ),
            name="decisions.docx",
        ),
        "abc": make_resource(
            "A different precedent",
            "Matter of A-B-C-, a decision about cancellation of removal.",
        ),
        "peru": make_resource(
            "Perú: indigenous women and land conflicts",
            "Country conditions in Perú for indigenous applicants.",
        ),
        "psg_acronym": make_resource(
            "PSG formulations practice advisory",
            "How to frame a PSG before the BIA.",
        ),
        "scrambled": make_resource(
            "Group membership overview",
            "A social overview of particular issues in group membership.",
        ),
        "cat": make_resource(
            "Convention Against Torture claims", "Acquiescence of public officials."
        ),
        "fgm": make_resource(
            "Female genital mutilation country report", "Prevalence and state protection."
        ),
        "nta": make_resource("Challenging a defective notice to appear", "Jurisdiction issues."),
        "draft": make_resource("Draft memo on xylophonics", "Unpublished work.", published=False),
    }
    index(*items.values())
    return items
