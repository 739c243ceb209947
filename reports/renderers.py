"""One figure, many formats: HTML, CSV, XLSX, JSON and PDF, all with Dutch formatting."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from openpyxl import Workbook
from openpyxl.styles import Font

from dyzo_portal.pdf import render_pdf
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


def display(key: str, value) -> str:
    """A cell as a Flemish reader expects it: 1.234,56 and dd/mm/jjjj."""
    if value is None:
        return ""
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    if isinstance(value, int) and not isinstance(value, bool) and key not in UNGROUPED_KEYS:
        return number_format(value, force_grouping=True)
    return str(value)


def table(figure: Figure) -> list[list[str]]:
    return [[display(key, row.get(key)) for key, _label in figure.columns] for row in figure.rows]


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
    return {"figure": figure, "table": table(figure), "generated_on": timezone.localdate()}


def to_html(figure: Figure) -> bytes:
    return render_to_string("reports/figure_document.html", figure_context(figure)).encode("utf-8")


def to_pdf(figure: Figure) -> bytes:
    return render_pdf("reports/figure_pdf.html", figure_context(figure))


RENDERERS = {"html": to_html, "csv": to_csv, "xlsx": to_xlsx, "json": to_json, "pdf": to_pdf}


def render(figure: Figure, fmt: str) -> bytes:
    return RENDERERS[fmt](figure)
