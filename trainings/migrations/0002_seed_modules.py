"""The four modules seed 002 names as often part of a training."""

from django.db import migrations

MODULES = [
    "Algemene introductie over hulp aan ondernemers in nood",
    "Sociale zekerheid zelfstandigen",
    "Faillissementswetgeving",
    "Hoe doe je een vermogensonderzoek bij zelfstandigen",
]


def seed(apps, schema_editor):
    Module = apps.get_model("trainings", "Module")
    for position, name in enumerate(MODULES, start=1):
        Module.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("trainings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
