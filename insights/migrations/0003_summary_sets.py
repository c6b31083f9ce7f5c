from django.db import migrations, models


def _recount(apps, schema_editor):
    # The summary sets changed (insights.cube.CUBES): count every fact again under the new ones.
    from insights.cube import cube_rebuild

    cube_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_result_label"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="outcomecube",
            index=models.Index(
                condition=models.Q(("outcomes", 0)), fields=["grouping"], name="cube_empty_rows"
            ),
        ),
        migrations.RunPython(_recount, migrations.RunPython.noop),
    ]
