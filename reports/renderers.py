"""One figure, many formats: HTML, CSV, XLSX, JSON and PDF, formatted for the reader's language;
and the one dispatch from a report's name, parameters and format to its document."""

import io
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import neutralise_formula
from core.pdf import render_pdf
from reports.annexes import annexed
from reports.answers import answer, answer_context, answer_pdf
from reports.figures import FIGURES, Figure, Params, compute
from reports.maps import map_svg
from reports.models import QuestionSet
from reports.registry import TOTAL, Column, Kind, Row
from reports.tables import table, to_csv

FORMATS = ["html", "csv", "xlsx", "json", "pdf"]
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NUMERIC_KINDS = {Kind.NUMBER, Kind.AMOUNT, Kind.PERCENT, Kind.RANK}
PLACE_COLUMNS = {"province", "municipality"}


def cell_class(column: Column) -> str:
    """Numbers to the right, text to the left; a place's name is never broken at its hyphen ("Oost-/Vlaanderen");
    dates are marked so that a long table's PDF can give them a set width."""
    if column.kind in NUMERIC_KINDS:
        return "number"
    if column.kind == Kind.DATE:
        return "date"
    return "place" if column.code in PLACE_COLUMNS else ""


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def html_headers(figure: Figure) -> str:
    """The header cells, aligned as their columns."""
    return mark_safe(
        "".join(f'<th scope="col"{_class(cell_class(column))}>{_unbroken(str(column.label))}</th>' for column in figure.columns)
    )


def _unbroken(text: str) -> str:
    """A hyphenated word, such as a province heading a column, is kept whole; the label still wraps at its spaces."""
    return " ".join(f'<span class="word">{escape(word)}</span>' if "-" in word else escape(word) for word in text.split(" "))


def html_rows(figure: Figure, link: Callable[[int, Column], str | None] | None = None) -> str:
    """The table body as HTML, joined here rather than in a template loop, which takes many
    times longer per cell; every cell is escaped, a total row is marked to be set apart, and
    where `link` gives a URL for a cell (row index, column), its number links there."""
    classes = [_class(cell_class(column)) for column in figure.columns]
    lines = []
    for index, (cells, row) in enumerate(zip(table(figure), figure.rows, strict=True)):
        contents = []
        for column, text in zip(figure.columns, cells, strict=True):
            url = link(index, column) if link else None
            contents.append(f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text))
        lines.append(_html_row(contents, classes, bool(row.get(TOTAL))))
    return mark_safe("\n".join(lines))


def _html_row(contents: list[str], classes: list[str], is_total: bool) -> str:
    opening = '<tr class="total">' if is_total else "<tr>"
    return opening + "".join(f"<td{cls}>{content}</td>" for cls, content in zip(classes, contents, strict=True)) + "</tr>"


EXCEL_FORMATS = {Kind.AMOUNT: "#,##0.00", Kind.DATE: "dd/mm/yyyy", Kind.PERCENT: '0.0" %"'}


def to_xlsx(figure: Figure) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = figure.name[:31]
    sheet.append([neutralise_formula(header) for header in figure.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in figure.rows:
        sheet.append([_excel_value(value) for value in figure.cells(row)])
    for column, cells in zip(figure.columns, sheet.iter_cols(min_row=2), strict=True):
        if column.kind in EXCEL_FORMATS:
            for cell in cells:
                cell.number_format = EXCEL_FORMATS[column.kind]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(value: Any) -> Any:
    """Numbers and dates as themselves; anything else as text that cannot run as a formula."""
    return value if value is None or isinstance(value, (int, float, Decimal, date)) else neutralise_formula(str(value))


def json_rows(figure: Figure) -> list[Row]:
    """The figure's values (`as_data`), with the labels of its codes and of its total row added in
    the reader's language: `label` on a total row, `<column>_label` beside a column of codes."""
    coded = [column for column in figure.columns if column.label_of]
    rows = figure.as_data()
    for data, row in zip(rows, figure.rows, strict=True):
        for column in coded:
            if row.get(column.code) is not None:
                data[f"{column.code}_label"] = column.display_value(row[column.code])
        if row.get(TOTAL):
            data["label"] = str(figure.spec.total_label)
    return rows


def to_json(figure: Figure) -> bytes:
    return json.dumps(json_rows(figure), ensure_ascii=False, indent=2).encode("utf-8")


def figure_context(figure: Figure) -> dict:
    return {"figure": figure, "generated_on": timezone.localdate()}


def to_html(figure: Figure) -> bytes:
    return render_to_string("reports/figure_document.html", figure_context(figure)).encode("utf-8")


def to_pdf(figure: Figure) -> bytes:
    context, attachments = annexed(figure_context(figure), figures=[figure])
    return render_pdf("reports/figure_pdf.html", context, attachments=attachments)


RENDERERS: dict[str, Callable[[Figure], bytes]] = {
    "html": to_html,
    "csv": to_csv,
    "xlsx": to_xlsx,
    "json": to_json,
    "pdf": to_pdf,
}


def render(figure: Figure, fmt: str) -> bytes:
    return RENDERERS[fmt](figure)


def answer_json(*, question_set: QuestionSet, on: date) -> dict[str, Any]:
    """The answer's documented JSON shape: {"set", "on", "questions": [{"number", "text", "period",
    "sentences", "figures": [{"name", "rows"}]}]}; a figure not recorded for its period has a sentence, no rows."""
    return {
        "set": question_set.slug,
        "on": on.isoformat(),
        "questions": [
            {
                "number": question.number,
                "text": question.text,
                "period": {"from": question.period[0].isoformat(), "to": question.period[1].isoformat()}
                if question.period
                else None,
                "sentences": question.sentences,
                "figures": [{"name": figure.name, "rows": json_rows(figure)} for figure in question.figures],
            }
            for question in answer(question_set=question_set, on=on)
        ],
    }


MAP, ANSWER = "map", "parliamentary-answer"
REPORTS = [*FIGURES, MAP, ANSWER]


class ReportError(ValueError):
    """A report or format that does not exist; the message says so in Dutch."""


def render_report(name: str, params: Params, fmt: str, *, question_set: QuestionSet | None = None) -> bytes:
    """The one way from a request to a document, for the pages, the API and the CLI: a figure
    (in any of FORMATS), the map (svg, pdf) or the answer to a question set (html, pdf, docx)."""
    if name == MAP:
        if fmt not in ("svg", "pdf"):
            raise ReportError(_("De kaart bestaat als svg of pdf."))
        svg = map_svg(on=params.on, province=params.province)
        context = {"svg": svg, "on": params.on, "province": params.province}
        return svg.encode() if fmt == "svg" else render_pdf("reports/map_pdf.html", context)
    if name == ANSWER:
        if question_set is None:
            raise ReportError(_("Een parlementair antwoord hoort bij een vragenreeks."))
        if fmt == "pdf":
            return answer_pdf(question_set=question_set, on=params.on)
        if fmt == "html":
            return render_to_string(
                "reports/answer_document.html", answer_context(question_set=question_set, on=params.on)
            ).encode()
        if fmt == "docx":
            from reports.answer_docx import answer_docx  # it formats its cells with this module's `table`

            return answer_docx(answer_context(question_set=question_set, on=params.on))
        if fmt == "json":
            data = answer_json(question_set=question_set, on=params.on)
            return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        raise ReportError(_("Een parlementair antwoord bestaat als html, pdf, docx of json."))
    if name not in FIGURES:
        raise ReportError(_("Onbekend rapport '%(name)s'. Kies uit: %(names)s.") % {"name": name, "names": ", ".join(REPORTS)})
    if fmt not in FORMATS:
        raise ReportError(_("Onbekend formaat '%(fmt)s'. Kies uit: %(formats)s.") % {"fmt": fmt, "formats": ", ".join(FORMATS)})
    return render(compute(name, params), fmt)
