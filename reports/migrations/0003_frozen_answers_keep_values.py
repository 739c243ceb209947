"""Answers frozen before figures held codes kept the labels of the language they were frozen in:
'Eindtotaal' (or 'Grand total') as a province, 'Totaal' as an organiser, a form's label as the
agreement. This rewrites them as the codes and total markers figures hold now, so that a frozen
answer reads in every language and 'changed since' compares values, not wording."""

from django.db import migrations

TOTAL_LABELS = {"Eindtotaal", "Grand total", "Totaal", "Total"}
FORM_CODES = {
    "Overeenkomst met zitdag": "overeenkomst_met_zitdag",
    "Agreement with on-site consultation day": "overeenkomst_met_zitdag",
    "Overeenkomst zonder zitdag": "overeenkomst_zonder_zitdag",
    "Agreement without on-site consultation day": "overeenkomst_zonder_zitdag",
}
BY_PROVINCE = {"cooperation-by-province", "agreement-parties", "non-cooperating-by-province"}


def _row(name: str, row: dict) -> dict:
    if name in BY_PROVINCE and row.get("province") in TOTAL_LABELS:
        return {**row, "province": None, "is_total": True}
    if name == "trainings" and row.get("date") is None and row.get("organiser") in TOTAL_LABELS:
        return {**row, "organiser": None, "target_group": None, "is_total": True}
    if name == "agreements-list":
        return {**row, "agreement": FORM_CODES.get(row.get("agreement"), row.get("agreement"))}
    return row


def values_not_labels(apps, schema_editor):
    FrozenAnswer = apps.get_model("reports", "FrozenAnswer")
    for frozen in FrozenAnswer.objects.all():
        figures = {name: [_row(name, row) for row in rows] for name, rows in frozen.figures.items()}
        if figures != frozen.figures:
            FrozenAnswer.objects.filter(pk=frozen.pk).update(figures=figures)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_seed_funding_and_question_sets")]

    operations = [migrations.RunPython(values_not_labels, migrations.RunPython.noop)]
