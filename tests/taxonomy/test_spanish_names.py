"""Taxonomy terms in the reader's language: each term has a Spanish name staff write beside the
English one, and every place that shows a term (library filters and cards, the intake form,
TA Program News, the expert search, insights, the admin) shows it in the language chosen.
Until staff write it, Spanish readers see the English name rather than nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

import devtools.demo
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic
from tests.experts.factories import ListingFactory
from tests.ta_library.factories import ResourceFactory, ResourceTypeFactory, persecution

pytestmark = pytest.mark.django_db


def _spanish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def _named(model, slug, name, name_es):
    term = model.objects.get_or_create(slug=slug, defaults={"name": name})[0]
    term.name_es = name_es
    term.save()
    return term


def test_a_term_reads_in_the_active_language_and_falls_back_to_english():
    gangs = PersecutionType(
        slug="gang-violence", name="Gang violence", name_es="Violencia de pandillas"
    )
    unwritten = PersecutionType(slug="religion", name="Religion")
    with translation.override("es"):
        assert str(gangs) == "Violencia de pandillas"
        assert str(unwritten) == "Religion"
    with translation.override("en"):
        assert str(gangs) == "Gang violence"
    # The names travel together, so a cache built once reads in either language.
    names = gangs.names
    with translation.override("es"):
        assert str(names) == "Violencia de pandillas"
    assert str(names) == "Gang violence"


def test_library_filters_and_cards_follow_the_readers_language(client_for, settings):
    brief = ResourceTypeFactory(slug="sample-brief", name="Sample brief")
    brief.name_es = "Modelo de escrito"
    brief.save()
    gangs = _named(PersecutionType, "gang-violence", "Gang violence", "Violencia de pandillas")
    ResourceFactory(title="Gang brief", resource_type=brief, persecution_types=[gangs])
    url = reverse("ta_library:browse")

    english = client_for("attorney").get(url).content.decode()
    spanish = _spanish(client_for("attorney"), settings).get(url).content.decode()
    again = client_for("attorney").get(url).content.decode()

    assert ">Gang violence <" in english and "Violencia de pandillas" not in english
    assert ">Violencia de pandillas <" in spanish and ">Gang violence <" not in spanish
    assert '<span class="badge badge-primary">Modelo de escrito</span>' in spanish
    assert '<span class="badge badge-primary">Sample brief</span>' in english
    # One index serves both languages: English after Spanish is English again.
    assert ">Gang violence <" in again and "Violencia de pandillas" not in again
    # The filter's value in the address is the slug, whatever the language.
    assert 'name="persecution" value="gang-violence"' in spanish


def test_the_intake_form_offers_spanish_choices(client_for, settings):
    devtools.demo.load("taxonomy")
    html = _spanish(client_for("attorney"), settings).get(reverse("cases:intake")).content.decode()
    assert "Suspensión de expulsión" in html and "Withholding of removal" not in html
    assert "Violencia de pandillas" in html and "Gang violence" not in html
    english = client_for("attorney").get(reverse("cases:intake")).content.decode()
    assert "Withholding of removal" in english and "Suspensión de expulsión" not in english


def test_news_shows_the_type_of_document_in_spanish(client, settings):
    advisory = ResourceTypeFactory(slug="practice-advisory", name="Practice advisory")
    advisory.name_es = "Guía práctica"
    advisory.save()
    ResourceFactory(title="CGRS advisory", authored_by_cgrs=True, resource_type=advisory)
    html = _spanish(client, settings).get(reverse("ta_library:news")).content.decode()
    # Spanish text, so no lang="en" on the badge (the English titles keep theirs).
    assert '<span class="badge badge-primary">Guía práctica</span>' in html


def test_expert_search_topics_in_spanish(client_for, settings):
    # An expert's topics are types of persecution.
    gangs = _named(PersecutionType, "gang-violence", "Gang violence", "Violencia de pandillas")
    ListingFactory(display_name="Dr. Ana Ruiz", topics=[gangs])
    url = reverse("experts:search") + "?type=country_conditions"
    spanish = _spanish(client_for("attorney"), settings).get(url).content.decode()
    english = client_for("attorney").get(url).content.decode()
    assert "Violencia de pandillas" in spanish and "Gang violence" not in spanish
    assert "Gang violence" in english and "Violencia de pandillas" not in english


def test_the_admin_shows_both_names_and_finds_the_missing_spanish(staff_client):
    _named(PersecutionType, "gang-violence", "Gang violence", "Violencia de pandillas")
    _named(PersecutionType, "religion", "Religion", "")
    url = reverse("admin:taxonomy_persecutiontype_changelist")
    listing = staff_client.get(url).content.decode()
    assert "Violencia de pandillas" in listing
    missing = staff_client.get(url, {"name_es__isempty": "1"}).content.decode()
    assert "Religion" in missing and "Gang violence" not in missing
    form = staff_client.get(reverse("admin:taxonomy_persecutiontype_add")).content.decode()
    assert 'name="name_es"' in form


def test_every_demo_term_has_its_spanish_name_from_the_glossary():
    devtools.demo.load("taxonomy")
    for model in (PersecutionType, ProtectionType, ProceduralStage, Topic, ResourceType):
        assert not model.objects.filter(name_es="").exists(), model.__name__
    # The glossary's terms (locale/es/glossary.toml), as EOIR's Spanish forms say them.
    assert ProtectionType.objects.get(slug="withholding").name_es == "Suspensión de expulsión"
    assert "Junta de Apelaciones de Inmigración" in ProceduralStage.objects.get(slug="bia").name_es
    assert "corte de inmigración" in ProceduralStage.objects.get(slug="immigration-court").name_es
    assert persecution("gang-violence").name_es == "Violencia de pandillas"


def test_insights_labels_types_in_the_readers_language():
    from insights.selectors import Labels

    gangs = _named(PersecutionType, "gang-violence", "Gang violence", "Violencia de pandillas")
    with translation.override("es"):
        assert Labels({"persecution_type"}).label("persecution_type", gangs.pk) == (
            "Violencia de pandillas"
        )
    with translation.override("en"):
        assert Labels({"persecution_type"}).label("persecution_type", gangs.pk) == "Gang violence"
