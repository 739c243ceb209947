"""One figure, many formats: HTML, CSV, XLSX, JSON and PDF, all with Dutch formatting."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from html import escape

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from core.pdf import render_pdf
from reports.figures import Figure

FORMATS = ["html", "csv", "xlsx", "json", "pdf"]
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
}
UNGROUPED_KEYS = {"year", "rank"}


STRFTIME_OF_FORMAT_CHAR = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}


class CellFormat:
    """Cells as a Flemish reader expects them: 1.234,56 and dd/mm/jjjj (or the chosen language's).

    The active language's formats are looked up once per table, and simple date formats become
    one strftime pattern: a figure can hold thousands of cells, and Django's per-value
    formatting helpers would spend most of the page's time finding the same formats again.
    """

    def __init__(self):
        self.decimal = get_format("DECIMAL_SEPARATOR")
        self.thousands = get_format("THOUSAND_SEPARATOR")
        short_date = get_format("SHORT_DATE_FORMAT")
        simple = all(char in STRFTIME_OF_FORMAT_CHAR or not char.isalpha() for char in short_date)
        self.strftime = (
            "".join(STRFTIME_OF_FORMAT_CHAR.get(char, char.replace("%", "%%")) for char in short_date) if simple else None
        )

    def __call__(self, key: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.strftime(self.strftime) if self.strftime else date_format(value, "SHORT_DATE_FORMAT")
        if isinstance(value, Decimal):
            whole, _, cents = f"{value:,.2f}".partition(".")
            return whole.replace(",", self.thousands) + self.decimal + cents
        if isinstance(value, int) and not isinstance(value, bool) and key not in UNGROUPED_KEYS:
            return f"{value:,}".replace(",", self.thousands)
        return str(value)


def table(figure: Figure) -> list[list[str]]:
    display = CellFormat()
    return [[display(key, row.get(key)) for key, _label in figure.columns] for row in figure.rows]


def html_rows(figure: Figure) -> str:
    """The table body as HTML, joined here rather than in a template loop, which takes many
    times longer per cell; every cell is escaped."""
    return mark_safe("\n".join(_html_row(row) for row in table(figure)))


def _html_row(row: list[str]) -> str:
    first, *numbers = row
    return f"<tr><td>{escape(first)}</td>" + "".join(f'<td class="number">{escape(cell)}</td>' for cell in numbers) + "</tr>"


def to_csv(figure: Figure) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(label) for _key, label in figure.columns])
    writer.writerows(table(figure))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(figure: Figure) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = figure.name[:31]
    sheet.append([str(label) for _key, label in figure.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in figure.rows:
        sheet.append([_excel_value(row.get(key)) for key, _label in figure.columns])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(value):
    return value if value is None or isinstance(value, (int, float, Decimal, date)) else str(value)


def to_json(figure: Figure) -> bytes:
    return json.dumps(figure.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


def figure_context(figure: Figure) -> dict:
    return {"figure": figure, "generated_on": timezone.localdate()}


def to_html(figure: Figure) -> bytes:
    return render_to_string("reports/figure_document.html", figure_context(figure)).encode("utf-8")


def to_pdf(figure: Figure) -> bytes:
    return render_pdf("reports/figure_pdf.html", figure_context(figure))


RENDERERS = {"html": to_html, "csv": to_csv, "xlsx": to_xlsx, "json": to_json, "pdf": to_pdf}


def render(figure: Figure, fmt: str) -> bytes:
    return RENDERERS[fmt](figure)
