"""The 43 historic sessions of seed 002 (2014-2016), loaded by the demo data, give its published totals."""

import csv
import datetime
from collections import Counter

import pytest
from django.conf import settings

from trainings import selectors

pytestmark = pytest.mark.django_db

START, END = datetime.date(2014, 1, 1), datetime.date(2016, 12, 31)


def published_rows():
    with (settings.FIXTURES_DIR / "demo" / "trainings_2014_2016.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_historic_sessions_total_863_participants_in_43_sessions(demo_data):
    assert selectors.period_total(start=START, end=END) == {"sessions": 43, "participants": 863}


def test_the_sessions_of_a_period_come_oldest_first(demo_data):
    sessions = list(selectors.sessions_of_period(start=START, end=END))

    assert (sessions[0].date, sessions[0].organiser_name, sessions[0].participants) == (
        datetime.date(2014, 1, 13),
        "RWO arr Oudenaarde",
        21,
    )


def test_each_year_s_participants_match_the_source_table(demo_data):
    expected = Counter()
    for row in published_rows():
        expected[int(row["date"][:4])] += int(row["participants"])

    by_year = {
        year: selectors.period_total(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))["participants"]
        for year in expected
    }

    assert by_year == dict(expected)
