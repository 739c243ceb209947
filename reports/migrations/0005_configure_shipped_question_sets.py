"""The shipped question sets get each question's period, so that one reference date reproduces each seed.

`samenwerking` on 31/12/2018 gives seed 001: every figure on the reference date, and questions 4
and 5 with the minister's answers of seed 001. `ocmw-opleidingen` on 31/12/2016 gives seed 002:
question 1 in the reference year (the OCMWs first per case in 2016; the agreements on the date),
trainings, modules and referrals over the three years up to it, and the subsidies from the year
before to the year after (2015-2017). The seeds give no number, asker or dates of the written
questions: staff fill them in the admin.
"""

from django.db import migrations

SOURCE_SAYS_19 = (
    "Het gepubliceerde antwoord op deze vraag over 2016 spreekt van 19 OCMW's die in 2016 voor het eerst per "
    "dossier een beroep deden op Dyzo, maar noemt er 18; hier staan de 18 genoemde."
)
PERIODS = {
    "samenwerking": {1: ("op_datum", None), 2: ("op_datum", None), 3: ("op_datum", None)},
    "ocmw-opleidingen": {
        1: ("peiljaar", None),
        2: ("drie_jaar", None),
        3: ("drie_jaar", ["module-ranking", "modules"]),
        4: ("drie_jaar", None),
        5: ("jaar_rond", None),
    },
}
NOTES = {("ocmw-opleidingen", 1): SOURCE_SAYS_19}
POLICY_QUESTIONS = [  # seed 001, questions 4 and 5, with the minister's answers
    (
        4,
        "Er is toenadering tussen Dyzo en de Vereniging van Vlaamse Steden en Gemeenten (VVSG). Hoe ziet de minister "
        "een eventuele samenwerking tussen deze twee instanties?",
        "Sociale bijstand verlenen is een van de opdrachten die de steden en gemeenten hebben. Op basis van cijfers van "
        "2016 geeft 15% van zelfstandigen in hoofdberoep een inkomen aan onder de armoedegrens. In 2016 ging het in "
        "Vlaanderen om ruim 23.000 personen. Deze groep is te groot om alleen door Dyzo te worden bediend. Een "
        "samenwerking tussen Dyzo en de VVSG zou er op gericht moeten zijn om te komen tot een kennisoverdracht van Dyzo "
        "naar de steden en gemeenten. Op termijn zouden de steden en gemeenten dan in staat moeten zijn om "
        "eerstelijnsadvies te kunnen geven. Hierdoor zou Dyzo deze taak kunnen afstoten en zich meer richten op "
        "diepgaandere begeleiding.",
    ),
    (
        5,
        "Via welke andere wegen zou de minister de samenwerking tussen lokale besturen en Dyzo kunnen aanmoedigen?",
        "Het is aan Dyzo om met de kwaliteit van haar dienstverlening gemeenten te overtuigen om samen te werken.",
    ),
]
POLICY_NOTE = (
    "Bronnen van het antwoord: https://www.vrt.be/vrtnws/nl/2017/09/07/-een-op-de-zes-zelfstandigen-onder-de-armoedegrens-/ "
    "en https://www.rsvz.be/sites/rsvz.be/files/publication/rsvz_jaarverslag_2016.pdf, pagina 30."
)


def configure(apps, schema_editor):
    Question = apps.get_model("reports", "Question")
    QuestionSet = apps.get_model("reports", "QuestionSet")
    for slug, questions in PERIODS.items():
        for number, (span, figures) in questions.items():
            changes = {"span": span, "note": NOTES.get((slug, number), "")}
            if figures:
                changes["figures"] = figures
            Question.objects.filter(question_set__slug=slug, number=number).update(**changes)
    cooperation = QuestionSet.objects.filter(slug="samenwerking").first()
    if cooperation is None:
        return
    for number, text, free_answer in POLICY_QUESTIONS:
        Question.objects.get_or_create(
            question_set=cooperation,
            number=number,
            defaults={"text": text, "free_answer": free_answer, "note": POLICY_NOTE if number == 4 else ""},
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_question_periods_and_metadata")]

    operations = [migrations.RunPython(configure, migrations.RunPython.noop)]
