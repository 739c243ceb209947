"""The report parameters are read in one place: the page, the API and the CLI mean the same by them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.urls import reverse

from core.roles import POLICY_GROUP
from reports.params import Params, ParamsError
from tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


def params(query: str) -> Params:
    return Params.from_query(QueryDict(query), today=TODAY)


def refusal(query: str) -> ParamsError:
    with pytest.raises(ParamsError) as error:
        params(query)
    return error.value


def test_an_empty_query_is_today_and_the_last_complete_year():
    assert params("") == Params(on=TODAY, start_year=2025, end_year=2025)


def test_empty_fields_of_a_submitted_filter_form_count_as_not_given():
    assert params("op=&van=&tot=&provincie=") == Params(on=TODAY, start_year=2025, end_year=2025)


def test_the_years_default_to_the_year_of_the_reference_date():
    assert params("op=2018-12-31&van=2016") == Params(on=datetime.date(2018, 12, 31), start_year=2016, end_year=2018)


def test_a_province_is_named_as_in_the_data():
    assert params("provincie=Limburg").province == "Limburg"


def test_a_reversed_range_is_refused():
    error = refusal("van=2019&tot=2018")

    assert (error.field, error.message) == ("van", "Het beginjaar 2019 ligt na het eindjaar 2018.")


@pytest.mark.parametrize("year", ["1999", "2101", "twintig", "2018.5", "-2018", "２０１８"])
def test_a_year_outside_2000_to_2100_is_refused(year):
    error = refusal(f"tot={year}")

    assert (error.field, error.message) == ("tot", "Tot en met jaar: geef een jaar tussen 2000 en 2100.")


@pytest.mark.parametrize("day", ["31/12/2018", "2018-02-30", "gisteren"])
def test_a_malformed_date_is_refused(day):
    assert refusal(f"op={day}").message == f"Ongeldige datum '{day}': gebruik JJJJ-MM-DD."


def test_an_unknown_province_is_refused():
    assert refusal("provincie=Brabant").message == "Onbekende provincie 'Brabant'."


@pytest.fixture
def policy_client(client):
    analyst = UserFactory()
    Group.objects.get_or_create(name=POLICY_GROUP)[0].user_set.add(analyst)
    sign_in(client, analyst)
    return client


def test_the_figure_page_shows_a_refusal_beside_its_filters(policy_client):
    response = policy_client.get(reverse("reports:figure", args=["trainings"]), {"van": "2019", "tot": "2018"})

    assert response.status_code == 400 and "Het beginjaar 2019 ligt na het eindjaar 2018." in response.text


def test_a_download_with_a_bad_date_is_a_400_that_says_why(policy_client):
    response = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "31/12/2018", "formaat": "csv"})

    assert response.status_code == 400 and response.content.decode() == "Ongeldige datum '31/12/2018': gebruik JJJJ-MM-DD."


@pytest.mark.parametrize("name", ["reports:map", "reports:index"])
def test_the_map_and_the_index_refuse_a_bad_year_too(policy_client, name):
    response = policy_client.get(reverse(name), {"tot": "1999"})

    assert response.status_code == 400 and "geef een jaar tussen 2000 en 2100" in response.text


def test_the_answer_page_refuses_a_bad_date(policy_client):
    response = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "morgen"})

    assert response.status_code == 400 and "Ongeldige datum" in response.text


def test_the_cli_refuses_a_reversed_range_with_the_same_message():
    with pytest.raises(CommandError) as error:
        call_command("report", "trainings", "--from", "2019", "--to", "2018", "--format", "csv")

    assert str(error.value) == "Het beginjaar 2019 ligt na het eindjaar 2018."


def test_the_cli_filters_a_province_like_the_page(capsys):
    call_command("report", "cooperation-by-province", "--on", "2018-12-31", "--province", "Limburg", "--format", "csv")

    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Limburg;")
