"""The trend page and PDF: two charts of cooperation over time (per form, per province) and their tables."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from partnerships.models import Agreement
from reports.charts import Series, line_chart
from reports.maps import COLOURS
from reports.trends import FIRST_DAY, Trend, cooperation_trend, months

FORM_LINES = (
    ("agreement", COLOURS[Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY]),
    ("per_case", COLOURS[Agreement.Form.PER_CASE]),
    ("remote_advice", "#b89600"),  # the map's yellow, darker: a line must stand out on white
    ("total", "#333333"),
)
PROVINCE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def _form_labels() -> dict[str, str]:
    return {
        "agreement": _("Overeenkomst"),
        "per_case": _("Betaling per case"),
        "remote_advice": _("Telefonisch / mail"),
        "total": _("Totaal samenwerkend"),
        "none": _("Geen samenwerking"),
    }


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    legend: list[Series]
    headers: list[str]
    rows: list[tuple[date, list[int]]]


def trend_charts(*, today: date, province: str | None) -> list[Chart]:
    """Per form (for Flanders or the chosen province) and, for Flanders, per province: 2016 to today."""
    trend = cooperation_trend(days=months(start=FIRST_DAY, end=today))
    return [_per_form(trend, province)] + ([] if province else [_per_province(trend)])


def _per_form(trend: Trend, province: str | None) -> Chart:
    labels = _form_labels()
    where = province or _("Vlaanderen")
    title = _("Gemeenten per vorm van samenwerking, %(where)s") % {"where": where}
    series = [Series(labels[code], colour, trend.series(province, code), dashed=code == "total") for code, colour in FORM_LINES]
    return _chart(
        trend,
        title,
        series,
        [labels[code] for code, _colour in FORM_LINES] + [labels["none"]],
        [
            *[line.values for line in series],
            trend.series(province, "none"),
        ],
    )


def _per_province(trend: Trend) -> Chart:
    title = _("Samenwerkende gemeenten per provincie")
    series = [
        Series(province, PROVINCE_COLOURS[index % len(PROVINCE_COLOURS)], trend.series(province, "total"))
        for index, province in enumerate(trend.provinces)
    ]
    return _chart(trend, title, series, [line.label for line in series], [line.values for line in series])


def _chart(trend: Trend, title: str, series: list[Series], headers: list[str], columns: list[list[int]]) -> Chart:
    rows = [(day, [column[index] for column in columns]) for index, day in enumerate(trend.days)]
    return Chart(title, line_chart(days=trend.days, series=series, title=title), series, headers, rows)
