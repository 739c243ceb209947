"""Small-number suppression holds against differencing (issue 14.4).

The attack: with free year ranges, count(a..b) − count(a..y−1) − count(y+1..b) gave back the exact
count behind every "<5". Cases per municipality now exist per calendar year only, so periods never
overlap and the attack recovers nothing, through the API, the page's download or the CLI.
"""

import csv
import datetime
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from reports.models import Question, QuestionSet
from tests.factories import CaseFactory, municipality

pytestmark = pytest.mark.django_db

FIRST, LAST = 2016, 2018
CASES = {("44021", 2016): 3, ("44021", 2017): 7, ("44021", 2018): 6, ("11002", 2017): 2, ("11002", 2018): 9}


@pytest.fixture(autouse=True)
def cases():
    for (nis, year), count in CASES.items():
        for _ in range(count):
            CaseFactory(municipality=municipality(nis), opened_on=datetime.date(year, 5, 1))


def recovered_counts(fetch) -> dict:
    """Every count hidden as "<5" in a single year that the differencing attack computes exactly.

    `fetch(start, end)` is the figure for those years as {municipality: value}, or None when refused."""
    yearly = {year: fetch(year, year) or {} for year in range(FIRST, LAST + 1)}
    recovered = {}
    for year in range(FIRST, LAST + 1):
        whole = fetch(FIRST, LAST)
        before = fetch(FIRST, year - 1) if year > FIRST else {}
        after = fetch(year + 1, LAST) if year < LAST else {}
        if whole is None or before is None or after is None:
            continue
        for name, total in whole.items():
            parts = [total, before.get(name, 0), after.get(name, 0)]
            if yearly[year].get(name) == "<5" and all(isinstance(part, int) for part in parts):
                recovered[name, year] = parts[0] - parts[1] - parts[2]
    return recovered


def from_api(client):
    def fetch(start, end):
        response = client.get("/api/v1/reports/cases-by-municipality/", {"van": start, "tot": end})
        return {row["municipality"]: row["cases"] for row in response.json()} if response.status_code == 200 else None

    return fetch


def from_page(client):
    def fetch(start, end):
        response = client.get(
            reverse("reports:figure", args=["cases-by-municipality"]),
            {"van": start, "tot": end, "op": f"{end}-12-31", "formaat": "csv"},
        )
        if response.status_code != 200:
            return None
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
        return {row[1]: int(row[2]) if row[2].isdigit() else row[2] for row in rows if len(row) > 2}

    return fetch


def test_the_differencing_attack_through_the_api_recovers_nothing(policy_officer):
    api = APIClient()
    api.force_authenticate(policy_officer)

    assert recovered_counts(from_api(api)) == {}


def test_the_differencing_attack_through_the_page_recovers_nothing(policy_client):
    assert recovered_counts(from_page(policy_client)) == {}


def test_a_single_year_still_shows_small_counts_as_under_5(policy_client):
    assert from_page(policy_client)(2016, 2016) == {"Gent": "<5"}


def test_a_range_of_years_is_refused_in_dutch_by_the_api(policy_officer):
    api = APIClient()
    api.force_authenticate(policy_officer)

    response = api.get("/api/v1/reports/cases-by-municipality/", {"van": 2016, "tot": 2018})

    assert response.status_code == 400
    assert "bestaat alleen per kalenderjaar" in response.json()["detail"]


def test_a_range_of_years_is_refused_in_dutch_on_the_page(policy_client):
    response = policy_client.get(reverse("reports:figure", args=["cases-by-municipality"]), {"van": 2016, "tot": 2018})

    assert response.status_code == 400 and "bestaat alleen per kalenderjaar" in response.text


def test_a_range_of_years_is_refused_in_dutch_by_the_cli():
    with pytest.raises(CommandError, match="bestaat alleen per kalenderjaar"):
        call_command("report", "cases-by-municipality", "--from", "2016", "--to", "2018", "--format", "csv", stdout=io.StringIO())


def test_the_cli_gives_one_calendar_year(tmp_path):
    output = tmp_path / "dossiers.csv"
    call_command("report", "cases-by-municipality", "--year", "2017", "--format", "csv", "--output", str(output))

    assert "Antwerpen;Antwerpen;<5" in output.read_text(encoding="utf-8-sig")


def cases_question(**period):
    question_set = QuestionSet.objects.first() or QuestionSet.objects.create(slug="test", title="Test")
    return Question(question_set=question_set, number=99, text="Hoeveel dossiers?", figures=["cases-by-municipality"], **period)


def test_an_answer_over_three_years_cannot_include_the_yearly_figure():
    question = cases_question(span=Question.Span.THREE_YEARS)

    with pytest.raises(ValidationError, match="alleen per kalenderjaar"):
        question.full_clean()


def test_an_answer_over_fixed_dates_in_two_years_cannot_include_the_yearly_figure():
    question = cases_question(span=Question.Span.FIXED, period_start=date(2016, 1, 1), period_end=date(2017, 12, 31))

    with pytest.raises(ValidationError, match="alleen per kalenderjaar"):
        question.full_clean()


def test_an_answer_over_the_reference_year_may_include_the_yearly_figure():
    question = cases_question(span=Question.Span.REFERENCE_YEAR)

    question.full_clean()
