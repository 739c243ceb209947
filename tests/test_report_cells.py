"""Report cells read as a Flemish reader expects, in every format, and the HTML is escaped."""

import datetime
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy

from reports.figures import Figure, Params
from reports.registry import TOTAL, Column, FigureSpec, Kind, Period
from reports.renderers import html_headers, html_rows, json_rows
from reports.tables import CellFormat, table

PARAMS = Params(on=datetime.date(2018, 12, 31), start_year=2018, end_year=2018)


NAME_AND_TOTAL = (Column("name", "Naam", Kind.TEXT), Column("total", "Totaal"))


def figure_of(rows, columns=NAME_AND_TOTAL):
    spec = FigureSpec(
        "x", "X", "Een cijfer.", columns, Period.ON, compute=lambda params: rows, total_label=gettext_lazy("Eindtotaal")
    )
    return Figure(spec, PARAMS, rows)


def test_dates_read_day_month_year():
    assert CellFormat()(Kind.DATE, datetime.date(2018, 12, 31)) == "31/12/2018"


def test_amounts_have_dots_for_thousands_and_a_decimal_comma():
    assert CellFormat()(Kind.AMOUNT, Decimal("-1234567.5")) == "-1.234.567,50"


def test_counts_are_grouped_but_years_and_ranks_are_not():
    display = CellFormat()

    assert (display(Kind.NUMBER, 12345), display(Kind.YEAR, 2018), display(Kind.RANK, 1000)) == ("12.345", "2018", "1000")


def test_a_percentage_says_so():
    assert CellFormat()(Kind.PERCENT, 40) == "40 %"


def test_a_percentage_keeps_its_decimal_with_a_comma():
    assert CellFormat()(Kind.PERCENT, Decimal("54.7")) == "54,7 %"


def test_a_percentage_read_back_from_a_frozen_answer_keeps_its_decimal():
    assert CellFormat()(Kind.PERCENT, 54.7) == "54,7 %"


def test_text_columns_read_from_the_left_and_numbers_from_the_right():
    columns = (Column("name", "Naam", Kind.TEXT), Column("form", "Vorm", Kind.TEXT), Column("total", "Totaal"))

    assert html_rows(figure_of([{"name": "Gent", "form": "Per dossier", "total": 3}], columns)) == (
        '<tr><td>Gent</td><td>Per dossier</td><td class="number">3</td></tr>'
    )


def test_english_readers_get_their_own_formats():
    with translation.override("en"):
        assert CellFormat()(Kind.AMOUNT, Decimal("1234.5")) == "1,234.50"


def test_table_cells_are_escaped_in_html():
    figure = figure_of([{"name": "<b>Gent</b>", "total": 3}])

    assert html_rows(figure) == '<tr><td>&lt;b&gt;Gent&lt;/b&gt;</td><td class="number">3</td></tr>'


def test_a_total_row_is_named_in_the_reader_s_language_when_rendered():
    figure = figure_of([{"name": "Gent", "total": 3}, {"total": 3, TOTAL: True}])

    with translation.override("en"):
        assert table(figure)[-1] == ["Grand total", "3"]


def test_a_code_is_shown_by_its_label_and_kept_as_a_code_in_the_json():
    figure = figure_of([{"form": "per_dossier"}], columns=(Column("form", "Vorm", Kind.TEXT, label_of=str.upper),))

    assert table(figure) == [["PER_DOSSIER"]] and json_rows(figure) == [{"form": "per_dossier", "form_label": "PER_DOSSIER"}]


def test_html_cells_put_text_left_numbers_right_and_mark_the_total_row():
    columns = (Column("province", "Provincie", Kind.TEXT), Column("note", "Notitie", Kind.TEXT), Column("total", "Totaal"))
    figure = figure_of([{"province": "Oost-Vlaanderen", "note": "x", "total": 3}, {"total": 3, TOTAL: True}], columns)

    assert html_rows(figure).splitlines() == [
        '<tr><td class="place">Oost-Vlaanderen</td><td>x</td><td class="number">3</td></tr>',
        '<tr class="total"><td class="place">Eindtotaal</td><td></td><td class="number">3</td></tr>',
    ]


def test_html_headers_align_with_their_columns_and_keep_a_province_whole():
    columns = (
        Column("year", "Jaar", Kind.YEAR),
        Column("Oost-Vlaanderen", "Oost-Vlaanderen"),
        Column("none", "Geen samenwerking"),
    )

    assert html_headers(figure_of([], columns)) == (
        '<th scope="col">Jaar</th>'
        '<th scope="col" class="number"><span class="word">Oost-Vlaanderen</span></th>'
        '<th scope="col" class="number">Geen samenwerking</th>'
    )
