"""The suggested subscription fee follows the population band of the tariff in force."""

import datetime
from decimal import Decimal

import pytest

from partnerships.selectors.tariffs import suggested_fee
from tests.factories import TariffBandFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def tariff_2015():
    TariffBandFactory(valid_from=datetime.date(2015, 1, 1), min_population=0, max_population=20_000, annual_fee=1250)
    TariffBandFactory(valid_from=datetime.date(2015, 1, 1), min_population=20_001, max_population=None, annual_fee=5000)


def test_the_fee_is_that_of_the_population_band(tariff_2015):
    fee = suggested_fee(municipality=municipality("11001"), on=datetime.date(2018, 6, 1))

    assert (fee.population, fee.annual_fee) == (14304, Decimal("1250"))


def test_a_large_city_falls_in_the_open_ended_band(tariff_2015):
    fee = suggested_fee(municipality=municipality("44021"), on=datetime.date(2018, 6, 1))

    assert fee.annual_fee == Decimal("5000")


def test_the_population_of_the_latest_known_year_is_used(tariff_2015):
    fee = suggested_fee(municipality=municipality("11001"), on=datetime.date(2023, 6, 1))

    assert fee.population_year == 2020


def test_a_newer_tariff_replaces_the_older_one_from_its_start(tariff_2015):
    TariffBandFactory(valid_from=datetime.date(2020, 1, 1), min_population=0, annual_fee=1500)

    fees = [suggested_fee(municipality=municipality("11001"), on=datetime.date(year, 6, 1)).annual_fee for year in (2019, 2020)]

    assert fees == [Decimal("1250"), Decimal("1500")]


def test_a_merged_municipality_of_2025_has_a_fee_from_its_predecessors_population(tariff_2015):
    fee = suggested_fee(municipality=municipality("44088"), on=datetime.date(2025, 6, 1))

    assert fee.population > 20_000


def test_without_a_tariff_there_is_no_suggestion():
    assert suggested_fee(municipality=municipality("11001"), on=datetime.date(2018, 6, 1)) is None
