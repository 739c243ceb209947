"""The published tables of seeds 000, 001 and 002, reproduced from the demo data by the report figures."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from partnerships.selectors import NO_COOPERATION, cooperation_statuses
from reports.answers import freeze
from reports.figures import Params, compute
from reports.maps import map_svg
from reports.models import QuestionSet
from reports.tables import to_csv
from tests.factories import AgreementFactory
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

END_2016 = Params(on=datetime.date(2016, 12, 31), start_year=2016, end_year=2016)
END_2018 = Params(on=datetime.date(2018, 12, 31), start_year=2018, end_year=2018)


def column(name, key, params=END_2018):
    return [row[key] for row in compute(name, params).rows]


def test_seed_001_cooperation_table(demo_data):
    assert column("cooperation-by-province", "total") == [30, 11, 27, 26, 55, 149]
    assert compute("cooperation-by-province", END_2018).rows[-1] == {
        "province": None,
        "agreement": 111,
        "per_case": 35,
        "remote_advice": 3,
        "total": 149,
        "none": 159,
        "gemeente": 7,
        "ocmw": 104,
        "both": 0,
        "is_total": True,
    }


def test_seed_001_party_table(demo_data):
    assert column("agreement-parties", "gemeente")[-1] == 7 and column("agreement-parties", "ocmw")[-1] == 104


def test_seed_001_non_cooperating_table(demo_data):
    assert column("non-cooperating-by-province", "total") == [40, 33, 38, 39, 9, 159]


def test_seed_001_decline_reasons_rank_cost_first(demo_data):
    assert column("decline-reasons", "reason")[0] == "De jaarlijkse kostprijs wordt als te hoog ervaren"


def test_seed_002_agreements_list_has_89_with_25_zitdag(demo_data):
    rows = compute("agreements-list", END_2016).rows

    assert len(rows) == 89 and sum(row["agreement"] == "overeenkomst_met_zitdag" for row in rows) == 25
    assert [row["municipality"] for row in rows] == sorted(row["municipality"] for row in rows)


def test_seed_002_per_case_first_use_in_2016(demo_data):
    assert len(compute("per-case-first-use", END_2016).rows) == 18


def test_seed_002_trainings_2014_2016(demo_data):
    rows = compute("trainings", Params(on=END_2016.on, start_year=2014, end_year=2016)).rows

    assert len(rows) - 1 == 43 and rows[-1]["participants"] == 863


def test_seed_002_funding_in_dutch_format(demo_data):
    figure = compute("funding", Params(on=END_2016.on, start_year=2015, end_year=2017))

    lines = list(csv.reader(io.StringIO(to_csv(figure).decode("utf-8-sig")), delimiter=";"))
    assert [line[2] for line in lines[1:]] == ["470.000,00", "470.000,00", "525.000,00"]
    assert "525.00 euro" in lines[3][3]


def test_seed_000_coverage_on_1_january_2017(demo_data):
    assert compute("coverage", Params(on=datetime.date(2017, 1, 1), start_year=2017, end_year=2017)).rows == [
        {"cooperating": 123, "municipalities": 308, "percentage": Decimal("39.9")}
    ]


@pytest.mark.parametrize(("day", "count"), [("2018-12-31", 308), ("2020-06-30", 300), ("2025-06-30", 285)])
def test_the_map_has_one_shape_per_municipality_of_the_date(demo_data, day, count):
    svg = map_svg(on=datetime.date.fromisoformat(day))

    assert len(re.findall(r'data-nis="\d{5}"', svg)) == count


def test_the_map_colours_follow_seed_000(demo_data):
    svg = map_svg(on=END_2018.on)
    colours = re.findall(r'fill="(#[0-9a-f]{6})" data-nis="\d{5}" data-status="([a-z_]+)"', svg)

    expected = {
        "overeenkomst_zonder_zitdag": "#7b3fa0",
        "overeenkomst_met_zitdag": "#3a9a46",
        "per_dossier": "#f08a24",
        "advies_op_afstand": "#f5d327",
        "geen": "#ffffff",
    }
    assert all(expected[status] == colour for colour, status in colours)
    assert sum(status == "geen" for _colour, status in colours) == 159 and "Per dossier: 35" in svg


def test_the_2018_answer_pdf_reproduces_seed_001(demo_data, tmp_path):
    target = tmp_path / "antwoord.pdf"
    call_command(
        "report",
        "parliamentary-answer",
        "--set",
        "samenwerking",
        "--on",
        "2018-12-31",
        "--format",
        "pdf",
        "--output",
        str(target),
    )

    text = pdf_text(target.read_bytes())
    assert "Op 31/12/2018 werken 149 Vlaamse gemeenten samen met Dyzo" in text
    assert re.search(r"Eindtotaal\s+111\s+35\s+3\s+149\s+159", text)
    assert re.search(r"Eindtotaal\s+7\s+104\s+0\s+111", text)
    assert "werken 159 Vlaamse gemeenten niet samen" in text


def test_the_cli_json_matches_the_documented_shape(demo_data, capsysbinary):
    call_command("report", "cooperation-by-province", "--on", "2018-12-31", "--format", "json")

    rows = json.loads(capsysbinary.readouterr().out)
    assert list(rows[0]) == ["province", "agreement", "per_case", "remote_advice", "total", "none"]
    assert rows[-1] == {
        "province": None,
        "agreement": 111,
        "per_case": 35,
        "remote_advice": 3,
        "total": 149,
        "none": 159,
        "is_total": True,
        "label": "Eindtotaal",
    }


def test_policy_staff_download_the_2018_answer(demo_data, policy_client):
    response = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31", "formaat": "pdf"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.fixture
def english_analyst(policy_client, settings, tmp_path):
    """A policy staff member who chose English, with answers frozen into a scratch media folder."""
    settings.MEDIA_ROOT = tmp_path
    policy_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return policy_client


SEED_002_IN_ENGLISH = "with 89 local authorities, 25 of them with an on-site consultation day"


def test_the_answer_in_english_counts_the_agreements_with_a_consultation_day(demo_data, english_analyst):
    response = english_analyst.get(reverse("reports:answer", args=["ocmw-opleidingen"]), {"op": "2016-12-31"})

    assert SEED_002_IN_ENGLISH in response.text


def test_an_answer_frozen_in_dutch_reads_the_same_in_english_and_has_not_changed(demo_data, english_analyst):
    with translation.override("nl-be"):
        frozen = freeze(question_set=QuestionSet.objects.get(slug="ocmw-opleidingen"), on=END_2016.on, by=None)

    text = english_analyst.get(reverse("reports:frozen", args=[frozen.pk])).text

    assert SEED_002_IN_ENGLISH in text and "The figures have not changed since." in text


def test_a_data_change_after_freezing_is_reported_by_the_figure_s_title(demo_data, english_analyst):
    frozen = freeze(question_set=QuestionSet.objects.get(slug="ocmw-opleidingen"), on=END_2016.on, by=None)
    not_cooperating = cooperation_statuses(on=END_2016.on).filter(status_form=NO_COOPERATION).first()
    AgreementFactory(municipality=not_cooperating, start_date=datetime.date(2016, 6, 1))

    text = english_analyst.get(reverse("reports:frozen", args=[frozen.pk])).text

    assert "These figures have changed since: Municipalities with a global cooperation agreement" in text
    assert SEED_002_IN_ENGLISH in text
