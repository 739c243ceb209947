"""The decline reasons of seed 001 (question 3), in the order it lists them, plus "Andere"."""

from django.db import migrations

REASONS = [
    ("De jaarlijkse kostprijs wordt als te hoog ervaren", False),
    ("Er kloppen geen zelfstandigen in moeilijkheden aan bij het OCMW", False),
    ("Ze kunnen die doelgroep zelf verder helpen", False),
    ("Andere", True),
]


def seed(apps, schema_editor):
    DeclineReason = apps.get_model("partnerships", "DeclineReason")
    for position, (label, needs_explanation) in enumerate(REASONS, start=1):
        DeclineReason.objects.get_or_create(
            label=label, defaults={"position": position, "needs_explanation": needs_explanation}
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
