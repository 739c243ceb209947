"""The reports landing explains itself: grouped figures with titles and descriptions, the values
used in the fields, the span of the data, and a refusal or a warning for dates that make no sense."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Agreement
from reports.figures import FIGURES
from reports.landing import GROUPS, figure_groups
from tests.factories import AgreementFactory, CaseFactory, TrainingSessionFactory, municipality

pytestmark = pytest.mark.django_db


def field_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no field {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


@pytest.fixture
def records():
    """Records from 01/03/2016 (an agreement) to 15/03/2030 (a planned training session)."""
    AgreementFactory(
        municipality=municipality("44021"), start_date=datetime.date(2016, 3, 1), end_date=datetime.date(2019, 2, 28)
    )
    CaseFactory(opened_on=datetime.date(2020, 3, 1))
    TrainingSessionFactory(date=datetime.date(2030, 3, 15))


def test_every_figure_is_in_exactly_one_group_of_the_landing():
    named = [name for _title, names in GROUPS.values() for name in names]

    assert sorted(named) == sorted(FIGURES) and [group.code for group in figure_groups()] == list(GROUPS)


def test_the_landing_groups_the_figures_as_the_questions_are(policy_client):
    text = policy_client.get(reverse("reports:index")).text

    headings = re.findall(r"<h2>(.*?)</h2>", text)
    assert headings[1:5] == ["Samenwerking met gemeenten", "Dossiers", "Opleidingen", "Geld"]


def test_the_landing_gives_each_figure_its_dutch_title_and_description(policy_client):
    text = policy_client.get(reverse("reports:index")).text

    assert ">Bereik</a>" in text and "Hoeveel van alle Vlaamse gemeenten op de peildatum met Dyzo samenwerken." in text
    assert ">coverage<" not in text


def test_the_landing_is_in_english_for_an_english_reader(policy_client):
    policy_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    text = policy_client.get(reverse("reports:index")).text

    assert ">Coverage</a>" in text and "Cooperation with municipalities" in text and "Samenwerking met gemeenten" not in text


def test_the_fields_show_the_date_and_years_used_with_the_last_complete_year_by_default(policy_client):
    today = timezone.localdate()

    text = policy_client.get(reverse("reports:index")).text

    assert (field_value(text, "op"), field_value(text, "van"), field_value(text, "tot")) == (
        today.isoformat(),
        str(today.year - 1),
        str(today.year - 1),
    )


def test_a_year_figure_opens_on_the_last_complete_year(policy_client):
    last_year = timezone.localdate().year - 1

    text = policy_client.get(reverse("reports:figure", args=["trainings"])).text

    assert f"Opleidingen ({last_year})" in text and 'name="op"' not in text


def test_a_date_figure_shows_its_date_and_no_years(policy_client):
    text = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2018-12-31"}).text

    assert field_value(text, "op") == "2018-12-31" and 'name="tot"' not in text


def test_a_note_gives_the_span_of_the_data(policy_client, records):
    text = policy_client.get(reverse("reports:index")).text

    assert "De gegevens lopen van 01/03/2016 tot 15/03/2030." in text


def test_a_date_before_the_data_gets_a_warning(policy_client, records):
    text = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2000-01-01"}).text

    assert "De peildatum 01/01/2000 ligt buiten de gegevens (01/03/2016 tot 15/03/2030)." in text


def test_years_before_the_data_get_a_warning(policy_client, records):
    text = policy_client.get(reverse("reports:figure", args=["trainings"]), {"van": "2010", "tot": "2017"}).text

    assert "De jaren 2010–2017 vallen deels buiten de gegevens (2016 tot 2030)." in text


def test_a_date_within_the_data_gets_no_warning(policy_client, records):
    text = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2018-12-31"}).text

    assert "buiten de gegevens" not in text


def test_a_reversed_range_is_refused_on_the_landing_never_swapped(policy_client):
    response = policy_client.get(reverse("reports:index"), {"van": "2025", "tot": "2016"})

    assert response.status_code == 400 and "Het beginjaar 2025 ligt na het eindjaar 2016." in response.text


@pytest.mark.parametrize("day", ["1800-01-01", "9999-12-31"])
def test_an_absurd_date_is_refused(policy_client, day):
    response = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": day})

    assert response.status_code == 400 and "Kies een datum tussen 01/01/1990 en 31/12/2100." in response.text


def test_the_coverage_percentage_says_percent_with_its_decimal(policy_client):
    AgreementFactory(municipality=municipality("44021"), start_date=datetime.date(2016, 3, 1))

    text = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2018-12-31"}).text

    assert '<td class="number">0,3 %</td>' in text


def test_english_figure_captions_write_dates_as_every_other_page(policy_client):
    policy_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    text = policy_client.get(reverse("reports:figure", args=["cooperation-by-province"]), {"op": "2018-12-05"}).text

    assert "(on 05/12/2018)" in text


def test_policy_staff_get_the_data_quality_page_of_the_portal(policy_client):
    response = policy_client.get(reverse("reports:quality"))

    assert response.status_code == 200 and "<h1>Datakwaliteit</h1>" in response.text and "/admin/" not in response.text


def test_a_figure_without_records_in_its_period_says_so_instead_of_a_bare_empty_table(policy_client):
    AgreementFactory(form=Agreement.Form.PER_CASE, start_date=datetime.date(2016, 3, 1))

    page = policy_client.get(reverse("reports:figure", args=["per-case-first-use"]), {"van": "2020", "tot": "2020"}).text

    assert "OCMW&#x27;s voor het eerst per dossier: geen records voor 2020." in page


def test_a_figure_before_its_first_record_says_it_was_not_recorded(policy_client):
    AgreementFactory(municipality=municipality("44021"), start_date=datetime.date(2016, 3, 1))

    page = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2015-06-30"}).text

    assert "Bereik: niet geregistreerd vóór 01/03/2016, dus niet beschikbaar op 30/06/2015." in page
