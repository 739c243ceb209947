"""The parliamentary answer as a whole: its CLI contract, the written question's details, per-question periods
set and checked in the admin, records missing or synthetic, and frozen answers that keep their sentences."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports.answers import freeze
from reports.models import Question, QuestionSet
from tests.factories import AgreementFactory, TrainingSessionFactory, municipality
from tests.helpers import pdf_text
from tests.test_rules_at_every_door import change_form_data
from trainings.models import Module

pytestmark = pytest.mark.django_db


def answer_json(capsysbinary, slug: str = "ocmw-opleidingen", on: str = "2016-12-31") -> dict:
    call_command("report", "parliamentary-answer", "--set", slug, "--on", on, "--format", "json")
    return json.loads(capsysbinary.readouterr().out)


@pytest.mark.parametrize(
    ("option", "value"), [("--from", "2014"), ("--to", "2016"), ("--year", "2016"), ("--province", "Limburg")]
)
def test_the_cli_refuses_an_option_the_answer_does_not_use(option, value):
    with pytest.raises(CommandError) as error:
        call_command(
            "report", "parliamentary-answer", "--set", "samenwerking", "--on", "2018-12-31", option, value, "--format", "json"
        )

    assert f"Een parlementair antwoord gebruikt {option} niet" in str(error.value)


def test_the_cli_asks_for_the_question_set_of_an_answer():
    with pytest.raises(CommandError) as error:
        call_command("report", "parliamentary-answer", "--on", "2018-12-31", "--format", "json")

    assert "Geef de vragenreeks met --set (ocmw-opleidingen, samenwerking)." in str(error.value)


def test_the_cli_asks_for_the_reference_date_of_an_answer():
    with pytest.raises(CommandError) as error:
        call_command("report", "parliamentary-answer", "--set", "samenwerking", "--format", "json")

    assert "Geef de peildatum van het antwoord met --on JJJJ-MM-DD." in str(error.value)


def test_the_cli_refuses_a_question_set_for_a_figure():
    with pytest.raises(CommandError) as error:
        call_command("report", "coverage", "--set", "samenwerking", "--format", "json")

    assert "--set hoort alleen bij parliamentary-answer." in str(error.value)


def test_the_answer_json_has_the_documented_shape(capsysbinary):
    answer = answer_json(capsysbinary)

    assert list(answer) == ["set", "on", "questions"] and (answer["set"], answer["on"]) == ("ocmw-opleidingen", "2016-12-31")
    assert [list(question) for question in answer["questions"]] == [["number", "text", "period", "sentences", "figures"]] * 5
    assert [question["period"] for question in answer["questions"]] == [
        {"from": "2016-01-01", "to": "2016-12-31"},
        {"from": "2014-01-01", "to": "2016-12-31"},
        {"from": "2014-01-01", "to": "2016-12-31"},
        {"from": "2014-01-01", "to": "2016-12-31"},
        {"from": "2015-01-01", "to": "2017-12-31"},
    ]
    assert answer["questions"][4]["figures"][0]["name"] == "funding"
    assert list(answer["questions"][4]["figures"][0]["rows"][0]) == ["year", "funder", "amount", "note"]


@pytest.fixture
def asked(db) -> QuestionSet:
    question_set = QuestionSet.objects.get(slug="samenwerking")
    question_set.question_number = "123"
    question_set.asked_by = "Jan Peeters"
    question_set.asked_on = datetime.date(2018, 12, 5)
    question_set.answered_on = datetime.date(2019, 1, 20)
    question_set.save()
    return question_set


def test_the_answer_page_heads_with_the_written_question_as_the_flemish_parliament_does(asked, policy_client):
    text = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "Schriftelijke vraag nr. 123 van Jan Peeters van 5 december 2018" in text and "Antwoord van 20 januari 2019" in text


def test_the_answer_pdf_heads_with_the_written_question(asked, policy_client):
    response = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31", "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    assert "Schriftelijke vraag nr. 123 van Jan Peeters van 5 december 2018" in text and "Antwoord van 20 januari 2019" in text


def test_the_written_question_heading_reads_in_english(asked, policy_client):
    policy_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    text = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "Written parliamentary question no. 123 by Jan Peeters of 5 December 2018" in text
    assert "Answer of 20 January 2019" in text


def test_the_answer_page_offers_only_the_reference_date_and_the_question_set(policy_client):
    text = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert 'name="op"' in text and 'name="reeks"' in text
    assert not any(f'name="{name}"' in text for name in ("van", "tot", "provincie"))


def test_choosing_another_question_set_opens_its_answer_on_the_same_date(policy_client):
    response = policy_client.get(
        reverse("reports:answer", args=["samenwerking"]), {"op": "2016-12-31", "reeks": "ocmw-opleidingen"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:answer", args=["ocmw-opleidingen"]) + "?op=2016-12-31"


def test_a_period_before_the_first_record_says_so_instead_of_a_zero(capsysbinary):
    TrainingSessionFactory(date=datetime.date(2020, 3, 15)).modules.add(Module.objects.first())

    modules = answer_json(capsysbinary)["questions"][2]

    assert modules["sentences"][0] == (
        "Opleidingsmodules in volgorde van belangrijkheid: niet geregistreerd vóór 15/03/2020, "
        "dus niet beschikbaar voor 2014–2016."
    )
    assert [figure["name"] for figure in modules["figures"]] == ["modules"]


def test_a_figure_counting_synthetic_records_carries_a_footnote(policy_client):
    AgreementFactory(municipality=municipality("44021"), is_synthetic=True)

    text = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "Samenwerking per provincie: telt synthetische demogegevens, geen echte records" in text


def test_a_figure_counting_only_real_records_has_no_synthetic_footnote(policy_client):
    AgreementFactory(municipality=municipality("44021"))

    text = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "synthetische demogegevens" not in text


def test_a_frozen_answer_keeps_its_sentences_when_a_question_s_period_changes(policy_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    TrainingSessionFactory(date=datetime.date(2015, 3, 1), historic_participants=20)
    question_set = QuestionSet.objects.get(slug="ocmw-opleidingen")
    frozen = freeze(question_set=question_set, on=datetime.date(2016, 12, 31), by=None)
    question_set.questions.filter(number=2).update(span=Question.Span.REFERENCE_YEAR)

    text = policy_client.get(reverse("reports:frozen", args=[frozen.pk])).text

    assert "In 2014–2016 gaf Dyzo 1 opleiding voor in totaal 20 deelnemers: 20 in 2015." in text


def question_form(client, **changes) -> str:
    """The change form of the `ocmw-opleidingen` set posted back with the second question (trainings) changed."""
    question_set = QuestionSet.objects.get(slug="ocmw-opleidingen")
    url = reverse("admin:reports_questionset_change", args=[question_set.pk])
    data = change_form_data(client.get(url))
    return client.post(url, {**data, **{f"questions-1-{name}": value for name, value in changes.items()}}).text


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"span": "op_datum"}, "Opleidingen tellen per jaar: kies een periode van jaren."),
        ({"span": "vast"}, "Een vaste periode heeft een begin- en een einddatum."),
        (
            {"span": "vast", "period_start": "2014-03-01", "period_end": "2016-12-31"},
            "Opleidingen tellen hele jaren: laat de periode op 1 januari beginnen en op 31 december eindigen.",
        ),
        ({"span": "vast", "period_start": "2016-01-01", "period_end": "2014-12-31"}, "De einddatum ligt vóór de begindatum."),
        ({"period_start": "2014-01-01"}, "Begin- en einddatum horen alleen bij een periode met vaste data."),
    ],
)
def test_the_admin_refuses_a_period_the_figures_cannot_count(coordinator_client, changes, error):
    text = question_form(coordinator_client, **changes)

    assert error in text
    assert Question.objects.get(question_set__slug="ocmw-opleidingen", number=2).span == Question.Span.THREE_YEARS


def test_the_admin_refuses_a_range_of_years_for_figures_on_a_date(coordinator_client):
    question_set = QuestionSet.objects.get(slug="samenwerking")
    url = reverse("admin:reports_questionset_change", args=[question_set.pk])
    data = change_form_data(coordinator_client.get(url))

    text = coordinator_client.post(url, {**data, "questions-0-span": "drie_jaar"}).text

    assert "Deze cijfers tellen op één dag: kies &#x27;Op de peildatum&#x27; of vaste data." in text


def test_the_admin_saves_fixed_whole_years(coordinator_client):
    question_form(coordinator_client, span="vast", period_start="2013-01-01", period_end="2016-12-31")

    question = Question.objects.get(question_set__slug="ocmw-opleidingen", number=2)
    assert question.period(datetime.date(2020, 6, 30)) == (datetime.date(2013, 1, 1), datetime.date(2016, 12, 31))
