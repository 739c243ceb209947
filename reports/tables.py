"""A figure as rows of text, each cell formatted for the reader's language, and as CSV: what the HTML, the
documents and the annexes of a PDF show."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _

from core.exports import neutralise_formula
from reports.registry import Figure, Kind

GROUPED_KINDS = {Kind.NUMBER, Kind.PERCENT}


STRFTIME_OF_FORMAT_CHAR = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}


class CellFormat:
    """Cells as a Flemish reader expects them: 1.234,56 and dd/mm/jjjj (or the chosen language's).

    The active language's formats are looked up once per table, and simple date formats become
    one strftime pattern: a figure can hold thousands of cells, and Django's per-value
    formatting helpers would spend most of the page's time finding the same formats again.
    For a spreadsheet, text that would run as a formula is neutralised (core.exports).
    """

    def __init__(self, *, spreadsheet: bool = False):
        self.spreadsheet = spreadsheet
        self.decimal = get_format("DECIMAL_SEPARATOR")
        self.thousands = get_format("THOUSAND_SEPARATOR")
        short_date = get_format("SHORT_DATE_FORMAT")
        simple = all(char in STRFTIME_OF_FORMAT_CHAR or not char.isalpha() for char in short_date)
        self.strftime = (
            "".join(STRFTIME_OF_FORMAT_CHAR.get(char, char.replace("%", "%%")) for char in short_date) if simple else None
        )

    def __call__(self, kind: Kind, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.strftime(self.strftime) if self.strftime else date_format(value, "SHORT_DATE_FORMAT")
        if kind == Kind.PERCENT and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return _("%(value)s %%") % {"value": self._number(value, 0 if isinstance(value, int) else 1)}
        if isinstance(value, Decimal):
            whole, _point, cents = f"{value:,.2f}".partition(".")
            return whole.replace(",", self.thousands) + self.decimal + cents
        if isinstance(value, int) and not isinstance(value, bool) and kind in GROUPED_KINDS:
            return self._number(value, 0)
        if isinstance(value, (int, float)):
            return str(value)
        text = str(value)
        return neutralise_formula(text) if self.spreadsheet else text

    def _number(self, value: int | float | Decimal, places: int) -> str:
        whole, _point, decimals = f"{value:,.{places}f}".partition(".")
        return whole.replace(",", self.thousands) + (self.decimal + decimals if places else "")


def table(figure: Figure, *, spreadsheet: bool = False) -> list[list[str]]:
    display = CellFormat(spreadsheet=spreadsheet)
    kinds = [column.kind for column in figure.columns]
    return [[display(kind, value) for kind, value in zip(kinds, figure.cells(row), strict=True)] for row in figure.rows]


def to_csv(figure: Figure) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise_formula(header) for header in figure.headers])
    writer.writerows(table(figure, spreadsheet=True))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
