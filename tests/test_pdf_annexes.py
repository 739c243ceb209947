"""A table too long for paper leaves the PDF's pages for an annex: the whole table as a CSV embedded in the PDF,
with its caption, its total and a note naming the file on the page (reports.annexes)."""

import datetime

import pytest

from reports import annexes
from reports.answers import answer_pdf, freeze, frozen_pdf
from reports.figures import Params, compute
from reports.models import QuestionSet
from reports.renderers import render
from tests.factories import TrainingSessionFactory
from tests.helpers import pdf_attachments, pdf_text

pytestmark = pytest.mark.django_db
TEN_YEARS = Params(on=datetime.date(2025, 12, 31), start_year=2016, end_year=2025)
ANNEX = "opleidingen-2016-2025.csv"


@pytest.fixture
def three_sessions():
    for day, participants in ((3, 11), (4, 12), (5, 13)):
        TrainingSessionFactory.create(
            date=datetime.date(2016, 5, day), organiser_name=f"Inrichter {day}", historic_participants=participants
        )


@pytest.fixture
def two_rows_fit_on_paper(monkeypatch):
    monkeypatch.setattr(annexes, "ANNEX_ROWS", 2)


@pytest.mark.usefixtures("three_sessions", "two_rows_fit_on_paper")
def test_a_long_table_s_rows_go_to_an_embedded_csv():
    pdf = render(compute("trainings", TEN_YEARS), "pdf")

    annexed = pdf_attachments(pdf)[ANNEX].decode("utf-8-sig").splitlines()
    assert annexed[0] == "Datum;Inrichter;Doelgroep;Aantal deelnemers"
    assert annexed[1:] == [
        "03/05/2016;Inrichter 3;Maatschappelijk werkers;11",
        "04/05/2016;Inrichter 4;Maatschappelijk werkers;12",
        "05/05/2016;Inrichter 5;Maatschappelijk werkers;13",
        ";Totaal;;36",
    ]


@pytest.mark.usefixtures("three_sessions", "two_rows_fit_on_paper")
def test_the_page_keeps_the_caption_and_the_total_and_names_the_annex():
    text = pdf_text(render(compute("trainings", TEN_YEARS), "pdf"))

    assert "Opleidingen (2016–2025)" in text and "Inrichter 4" not in text
    assert "Totaal" in " ".join(text.split()) and "36" in text
    assert f"De 3 rijen van deze tabel staan in de bijlage {ANNEX}, ingesloten in deze pdf." in " ".join(text.split())


@pytest.mark.usefixtures("three_sessions")
def test_a_table_that_fits_stays_on_the_page_without_an_annex():
    pdf = render(compute("trainings", TEN_YEARS), "pdf")

    assert "Inrichter 4" in pdf_text(pdf) and pdf_attachments(pdf) == {}


@pytest.mark.usefixtures("three_sessions", "two_rows_fit_on_paper")
def test_an_answer_annexes_its_long_table_and_its_sentence_still_counts_every_row():
    question_set = QuestionSet.objects.get(slug="ocmw-opleidingen")

    pdf = answer_pdf(question_set=question_set, on=datetime.date(2016, 12, 31))

    text = " ".join(pdf_text(pdf).split())
    assert "Inrichter 4" not in text and "De 3 rijen van deze tabel staan in de bijlage opleidingen-2014-2016.csv" in text
    assert "Inrichter 4" in pdf_attachments(pdf)["opleidingen-2014-2016.csv"].decode("utf-8-sig")


@pytest.mark.usefixtures("three_sessions", "two_rows_fit_on_paper")
def test_a_frozen_answer_s_pdf_annexes_its_long_table_too(coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    frozen = freeze(question_set=QuestionSet.objects.get(slug="ocmw-opleidingen"), on=datetime.date(2016, 12, 31), by=coordinator)

    pdf = frozen_pdf(frozen)

    assert "opleidingen-2014-2016.csv" in pdf_attachments(pdf)


@pytest.mark.usefixtures("three_sessions", "two_rows_fit_on_paper")
def test_one_figure_in_two_questions_is_annexed_only_where_its_period_makes_it_long():
    TrainingSessionFactory.create(date=datetime.date(2017, 5, 3), organiser_name="Inrichter 2017", historic_participants=9)
    question_set = QuestionSet.objects.create(slug="twee-perioden", title="Twee perioden")
    question_set.questions.create(number=1, text="Welke opleidingen in 2016?", figures=["trainings"], span="peiljaar")
    question_set.questions.create(
        number=2,
        text="En in 2017?",
        figures=["trainings"],
        span="vast",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
    )

    pdf = answer_pdf(question_set=question_set, on=datetime.date(2016, 12, 31))

    text = " ".join(pdf_text(pdf).split())
    assert list(pdf_attachments(pdf)) == ["opleidingen-2016.csv"]
    assert "De 3 rijen van deze tabel staan in de bijlage opleidingen-2016.csv" in text and "Inrichter 2017" in text
