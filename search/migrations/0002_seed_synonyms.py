"""The field's acronyms and what they stand for, in every environment (staff edit them in
the admin afterwards; this only adds groups that are not there yet)."""

from django.db import migrations

GROUPS = [
    "PSG, particular social group",
    "CAT, Convention Against Torture",
    "IJ, immigration judge",
    "BIA, Board of Immigration Appeals",
    "NTA, notice to appear",
    "FGM/C, FGM, female genital mutilation/cutting, female genital mutilation, "
    "female genital cutting",
    "DV, domestic violence",
    "GBV, gender-based violence",
    "IPV, intimate partner violence",
    "USCIS, U.S. Citizenship and Immigration Services",
    "DHS, Department of Homeland Security",
    "ICE, Immigration and Customs Enforcement",
    "CBP, Customs and Border Protection",
    "EOIR, Executive Office for Immigration Review",
    "UNHCR, United Nations High Commissioner for Refugees",
    "TPS, temporary protected status",
    "SIJS, special immigrant juvenile status",
    "UAC, unaccompanied alien child, unaccompanied child",
    "MPP, Migrant Protection Protocols",
    "CFI, credible fear interview",
    "RFI, reasonable fear interview",
    "COI, country of origin information",
    "LGBTQ, LGBTQI, LGBT",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    existing = set(SynonymGroup.objects.values_list("terms", flat=True))
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms=terms) for terms in GROUPS if terms not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
