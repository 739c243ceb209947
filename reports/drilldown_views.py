"""The records behind a number of a figure, live or as frozen with an answer: staff and policy staff, as the figures."""

import csv
import io
from datetime import date

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from core.exports import neutralise_formula
from reports import drilldown
from reports.access import reports_access
from reports.figures import FIGURES, Figure, Params, ParamsError, compute
from reports.models import FrozenAnswer
from reports.registry import Drill, Kind
from reports.tables import CellFormat


@reports_access
def cell(request, name: str, row: int, column: str):
    """The records of one cell of the figure for the page's parameters, computed as the figure is."""
    spec = FIGURES.get(name)
    if spec is None or spec.records is None:
        raise Http404
    try:
        params = Params.from_query(request.GET, today=timezone.localdate())
    except ParamsError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    figure = compute(name, params)
    if row >= len(figure.rows):
        raise Http404
    drill = spec.records(params, figure.rows).get((row, column))
    back = f"{reverse('reports:figure', args=[name])}?{drilldown.params_query(figure)}"
    return _page(request, figure, row, column, drill, back)


@reports_access
def frozen_cell(request, frozen_id: int, name: str, row: int, column: str):
    """The records of a cell as the answer froze them: the same keys, whatever changed since."""
    frozen = get_object_or_404(FrozenAnswer, pk=frozen_id)
    stored = frozen.drilldown.get(name) or {}
    kept = stored.get("cells", {}).get(f"{row}:{column}")
    if name not in FIGURES or name not in frozen.figures or kept is None:
        raise Http404
    stored_params = stored["params"]
    params = Params(
        on=date.fromisoformat(stored_params["on"]),
        start_year=stored_params["start_year"],
        end_year=stored_params["end_year"],
        province=stored_params["province"],
    )
    figure = Figure.from_data(FIGURES[name], params, frozen.figures[name])
    drill = Drill(kept["records"], kept["measure"])
    return _page(request, figure, row, column, drill, reverse("reports:frozen", args=[frozen.pk]))


def _page(request, figure: Figure, index: int, code: str, drill: Drill | None, back: str) -> HttpResponse:
    column = next((column for column in figure.columns if column.code == code), None)
    if drill is None or column is None or index >= len(figure.rows):
        raise Http404
    tables = drilldown.listed(drill, on=figure.params.on, staff=request.user.is_staff)
    display = CellFormat(spreadsheet=request.GET.get("formaat") == "csv")
    formatted = [(table.title, [str(column.label) for column in table.columns], _formatted(display, table)) for table in tables]
    if request.GET.get("formaat") == "csv":
        return _csv(figure.name, formatted)
    row = figure.rows[index]
    cells = figure.cells(row)
    described = [
        display(other.kind, value)
        for other, value in zip(figure.columns, cells, strict=True)
        if other.kind not in drilldown.LINKED_KINDS | {Kind.PERCENT} and value not in (None, "")
    ]
    context = {
        "figure": figure,
        "row_label": " · ".join(described),
        "column_label": column.label,
        "value": display(column.kind, row.get(code)),
        "tables": formatted,
        "back": back,
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/drilldown.html", context)


def _formatted(display: CellFormat, table: drilldown.Listed) -> list[list[tuple[str, bool]]]:
    """Each cell as text, with whether it is a number (right-aligned)."""
    return [
        [
            (display(column.kind, column.display_value(row.get(column.code))), column.kind in drilldown.LINKED_KINDS)
            for column in table.columns
        ]
        for row in table.rows
    ]


def _csv(name: str, tables) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for title, headers, rows in tables:
        writer.writerow([neutralise_formula(title)])
        writer.writerow([neutralise_formula(header) for header in headers])
        writer.writerows([[text for text, _number in row] for row in rows])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-cel.csv"'
    return response
