"""Report cells read as a Flemish reader expects, in every format, and the HTML is escaped."""

import datetime
from decimal import Decimal

from django.utils import translation

from reports.figures import Figure
from reports.renderers import CellFormat, html_rows


def test_dates_read_day_month_year():
    assert CellFormat()("date", datetime.date(2018, 12, 31)) == "31/12/2018"


def test_amounts_have_dots_for_thousands_and_a_decimal_comma():
    assert CellFormat()("amount", Decimal("-1234567.5")) == "-1.234.567,50"


def test_counts_are_grouped_but_years_and_ranks_are_not():
    display = CellFormat()

    assert (display("total", 12345), display("year", 2018), display("rank", 1000)) == ("12.345", "2018", "1000")


def test_english_readers_get_their_own_formats():
    with translation.override("en"):
        assert CellFormat()("amount", Decimal("1234.5")) == "1,234.50"


def test_table_cells_are_escaped_in_html():
    figure = Figure("x", "X", [("name", "Naam"), ("total", "Totaal")], [{"name": "<b>Gent</b>", "total": 3}], "")

    assert html_rows(figure) == '<tr><td>&lt;b&gt;Gent&lt;/b&gt;</td><td class="number">3</td></tr>'
