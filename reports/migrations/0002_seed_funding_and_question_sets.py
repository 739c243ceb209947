"""Real data: the subsidies of seed 002 answer 5, and the two recurring question sets (seeds 001 and 002)."""

from decimal import Decimal

from django.db import migrations

AGENCY = "Agentschap Innoveren & Ondernemen"
SOURCE = "Bron: schriftelijke vraag (seed 002), antwoord 5."
FUNDING = [
    (2015, Decimal("470000"), SOURCE),
    (2016, Decimal("470000"), SOURCE),
    (2017, Decimal("525000"), SOURCE + " De bron drukt '525.00 euro'; bedoeld is 525.000 euro."),
]
QUESTION_SETS = [
    (
        "samenwerking",
        "Samenwerking met lokale besturen",
        [
            (1, "Hoeveel gemeenten in Vlaanderen werken samen met Dyzo? Graag totale aantal en opdeling naar: a) occasionele samenwerking; b) jaarovereenkomst; c) provincie; d) samenwerking met OCMW; e) samenwerking met gemeente an sich; f) samenwerking met OCMW én gemeente.", ["cooperation-by-province", "agreement-parties"], ""),
            (2, "Hoeveel gemeenten in Vlaanderen werken niet samen met Dyzo? Graag totale aantal en opdeling naar provincie.", ["non-cooperating-by-province"], ""),
            (3, "Graag de top 3 van de redenen waarom een gemeente/OCMW niet gestructureerd wenst samen te werken met Dyzo.", ["decline-reasons"], ""),
        ],
    ),
    (
        "ocmw-opleidingen",
        "OCMW's, opleidingen en steun",
        [
            (1, "Hoeveel en welke OCMW-besturen sloten een samenwerkingsverband met Dyzo?", ["per-case-first-use", "agreements-list"], ""),
            (2, "Hoeveel en welke OCMW-besturen hebben de voorbije drie jaar een of meerdere opleidingsmodules besteld bij Dyzo?", ["trainings"], ""),
            (3, "Welke opleidingsmodules, in volgorde van belangrijkheid, werden jaarlijks besteld en gevolgd?", ["module-ranking"], ""),
            (4, "Hoeveel steunaanvragen door zelfstandige ondernemers in moeilijkheden werden ingediend bij Dyzo en doorverwezen naar het lokaal OCMW-bestuur?", ["referrals"], ""),
            (5, "Hoeveel Vlaamse financiële steun heeft de vzw Dyzo de voorbije drie jaar jaarlijks ontvangen?", ["funding"], ""),
        ],
    ),
]


def seed(apps, schema_editor):
    Funding = apps.get_model("reports", "Funding")
    QuestionSet = apps.get_model("reports", "QuestionSet")
    Question = apps.get_model("reports", "Question")
    for year, amount, note in FUNDING:
        Funding.objects.get_or_create(year=year, funder=AGENCY, kind="werking", defaults={"amount": amount, "note": note})
    for slug, title, questions in QUESTION_SETS:
        question_set, _ = QuestionSet.objects.get_or_create(slug=slug, defaults={"title": title})
        for number, text, figures, free_answer in questions:
            Question.objects.get_or_create(
                question_set=question_set, number=number, defaults={"text": text, "figures": figures, "free_answer": free_answer}
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
