"""The row of small maps under the map: one per year since 2016, each the map on the year's last day,
each a link to the full map on that date, all drawn from one reading of the records."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Agreement
from partnerships.selectors import cooperation_by_province
from reports.maps import small_maps
from tests.factories import AgreementFactory, municipality

pytestmark = pytest.mark.django_db

Form = Agreement.Form
YEAR_ENDS = [datetime.date(year, 12, 31) for year in range(2016, 2026)]


@pytest.fixture
def agreements():
    """Agreements that start, end and live through the mergers of 2019 (Nevele into Deinze) and 2025."""
    day = datetime.date
    AgreementFactory(
        municipality=municipality("44021"), form=Form.SUBSCRIPTION, start_date=day(2016, 3, 1), end_date=day(2019, 6, 30)
    )
    AgreementFactory(municipality=municipality("44049"), form=Form.PER_CASE, start_date=day(2017, 5, 15))
    AgreementFactory(
        municipality=municipality("11056"), form=Form.REMOTE_ADVICE, start_date=day(2020, 1, 1), end_date=day(2025, 3, 31)
    )


def test_each_small_map_counts_the_municipalities_the_province_table_counts_on_its_day(agreements):
    maps = small_maps(days=YEAR_ENDS).maps

    assert [small.cooperating for small in maps] == [cooperation_by_province(on=day)[-1]["total"] for day in YEAR_ENDS]


def test_the_row_takes_as_many_queries_for_ten_years_as_for_two(agreements):
    with CaptureQueriesContext(connection) as two:
        small_maps(days=YEAR_ENDS[:2])
    with CaptureQueriesContext(connection) as ten:
        small_maps(days=YEAR_ENDS)

    assert len(two) == len(ten) == 3


def test_a_small_map_colours_each_municipality_by_its_status(agreements):
    colours = re.findall(r'fill="(#[0-9a-f]+)"', small_maps(days=[datetime.date(2018, 12, 31)]).maps[0].svg)

    assert (colours.count("#7b3fa0"), colours.count("#f08a24"), colours.count("#f5d327")) == (1, 1, 0)
    assert colours.count("#ffffff") == 1  # the map's own: those without cooperation take it


def test_with_a_province_each_small_map_is_framed_on_it(agreements):
    flanders = small_maps(days=YEAR_ENDS[:1]).maps[0].svg
    limburg = small_maps(days=YEAR_ENDS[:1], province="Limburg").maps[0].svg

    assert re.search(r'viewBox="([^"]+)"', flanders).group(1) != re.search(r'viewBox="([^"]+)"', limburg).group(1)


def test_the_map_page_shows_a_small_map_for_each_year_since_2016_linking_to_that_date(policy_client):
    page = policy_client.get(reverse("reports:map"), {"op": "2018-12-31", "provincie": "Limburg"}).text
    links = re.findall(r'<li><a href="\?op=([\d-]+)&amp;provincie=Limburg"( aria-current="page")?><svg', page)

    assert [day for day, _current in links] == [
        min(datetime.date(year, 12, 31), timezone.localdate()).isoformat() for year in range(2016, timezone.localdate().year + 1)
    ]
    assert [day for day, current in links if current] == ["2018-12-31"]


def test_each_outline_is_drawn_once_for_all_maps_and_each_map_uses_them(agreements):
    row = small_maps(days=YEAR_ENDS)
    ids = re.findall(r'<path id="([^"]+)"', row.outlines)
    used = {href for small in row.maps for href in re.findall(r'<use href="#([^"]+)"', small.svg)}

    assert len(ids) == len(set(ids)) and used == set(ids)
