"""Every number of every figure on the demo data lists as many records as it says (see tests/test_drilldown.py)."""

import datetime

import pytest

from reports.figures import Params
from tests.helpers import untraced_cells

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params",
    [
        Params(on=datetime.date(2016, 12, 31), start_year=2014, end_year=2016),
        Params(on=datetime.date(2018, 12, 31), start_year=2017, end_year=2019),
        Params(on=datetime.date(2024, 6, 30), start_year=2023, end_year=2024),
    ],
    ids=lambda params: params.on.isoformat(),
)
def test_every_number_of_every_figure_lists_as_many_records_as_it_says(demo_data, params):
    assert untraced_cells(params) == []
