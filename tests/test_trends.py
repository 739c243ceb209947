"""The cooperation trend: the province table's counts, month by month, in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agreement
from partnerships.selectors import cooperation_by_province
from reports.trends import COUNTS, cooperation_trend, months
from tests.factories import AgreementFactory, municipality

pytestmark = pytest.mark.django_db

Form = Agreement.Form
TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def agreements():
    """Agreements that start, end, merge (Nevele into Deinze in 2019, Zwijndrecht into Beveren in 2025) and overlap."""
    day = datetime.date
    AgreementFactory(
        municipality=municipality("44021"), form=Form.SUBSCRIPTION, start_date=day(2016, 3, 1), end_date=day(2019, 6, 30)
    )
    AgreementFactory(
        municipality=municipality("44021"), party=Agreement.Party.GEMEENTE, form=Form.PER_CASE, start_date=day(2018, 1, 1)
    )
    AgreementFactory(
        municipality=municipality("44049"), form=Form.SUBSCRIPTION_WITH_CONSULTATION_DAY, start_date=day(2017, 5, 15)
    )
    AgreementFactory(
        municipality=municipality("11056"), form=Form.REMOTE_ADVICE, start_date=day(2020, 1, 1), end_date=day(2025, 3, 31)
    )
    AgreementFactory(municipality=municipality("71016"), form=Form.PER_CASE, start_date=day(2021, 7, 1))


def test_the_months_run_from_2016_to_today():
    days = months(end=TODAY)

    assert (days[0], days[1], days[-2], days[-1], len(days)) == (
        datetime.date(2016, 1, 1),
        datetime.date(2016, 2, 1),
        datetime.date(2026, 11, 1),
        TODAY,
        132,
    )


def test_the_trend_equals_the_province_table_on_each_date_it_plots(agreements):
    trend = cooperation_trend(days=months(end=TODAY))

    for day in trend.days:
        for row in cooperation_by_province(on=day):
            counts = trend.rows[day][row["province"]]
            assert {key: counts[key] for key in COUNTS} == {key: row[key] for key in COUNTS}, (day, row["province"])


def test_the_trend_shows_an_agreement_from_the_month_after_it_starts(agreements):
    trend = cooperation_trend(days=[datetime.date(2016, 3, 1), datetime.date(2016, 2, 1)])

    assert (
        trend.rows[datetime.date(2016, 2, 1)][None]["agreement"],
        trend.rows[datetime.date(2016, 3, 1)][None]["agreement"],
    ) == (0, 1)


def test_the_trend_takes_three_queries_for_any_number_of_months(agreements):
    with CaptureQueriesContext(connection) as few:
        cooperation_trend(days=months(end=datetime.date(2016, 6, 1)))
    with CaptureQueriesContext(connection) as many:
        cooperation_trend(days=months(end=TODAY))

    assert len(few) == len(many) == 3
