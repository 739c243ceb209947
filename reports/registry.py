"""What a figure is: its query, and next to it its title, description, columns and answer sentence.

A figure's rows hold codes and numbers only (a form code, a province's name as the
proper noun it is, `is_total` for a total row); titles, labels, dates and sentences are
formatted when the figure is rendered, in the reader's language. So a figure computed,
or frozen, once reads right in Dutch and in English, and two figures are equal exactly
when their values are.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from reports.params import Params, ParamsError

Row = dict[str, Any]
TOTAL = "is_total"


class Kind(StrEnum):
    """How a column's values are formatted: the renderers decide the look, the figure only the kind."""

    TEXT = "text"
    NUMBER = "number"
    AMOUNT = "amount"
    PERCENT = "percent"
    DATE = "date"
    YEAR = "year"
    RANK = "rank"


@dataclass(frozen=True)
class Column:
    code: str
    label: str | Promise
    kind: Kind = Kind.NUMBER
    label_of: Callable[[Any], str] | None = None
    """For a column of codes: the code's label in the active language."""

    def display_value(self, value: Any) -> Any:
        return self.label_of(value) if self.label_of and value is not None else value


class Table(NamedTuple):
    """Rows with columns of their own, for a figure whose columns come from the data (one per province)."""

    rows: list[Row]
    columns: Sequence[Column]


class Drill(NamedTuple):
    """The records behind one cell of a figure: per listing (municipalities, sessions, ...) their keys.

    `measure` names the listed column whose sum is the cell (participants, an amount); without it the
    cell counts the records. Keys are plain JSON values, so a frozen answer keeps them as they were."""

    records: dict[str, list]
    measure: str | None = None


CellRecords = dict[tuple[int, str], Drill]
"""A figure's drills, by the index of the row in the figure's rows and the code of the column."""


class Period(StrEnum):
    ON = "on"
    YEARS = "years"
    CATALOGUE = "catalogue"
    """What Dyzo offers now, whatever the date: a list that keeps no history."""
    CALENDAR_YEAR = "calendar_year"
    """One calendar year only: the periods never overlap, so no one can subtract one from another to
    recover a count that is shown as "<5" (issue 14.4)."""


@dataclass(frozen=True)
class FigureSpec:
    name: str
    title: str | Promise
    description: str | Promise
    columns: Sequence[Column]
    period: Period
    compute: Callable[[Params], list[Row] | Table]
    sentence: Callable[["Figure"], str] | None = None
    total_label: str | Promise = ""
    notes: Sequence[str | Promise] = ()
    records: Callable[[Params, list[Row]], CellRecords] | None = None
    """The records behind each counted cell of the rows, from the same query as the figure."""
    recorded_since: Callable[[], date | None] | None = None
    """The day of the first record the figure counts: before it, the figure says it was not recorded."""
    synthetic: Callable[[Params], bool] | None = None
    """Whether the records the figure counts for these parameters include synthetic demo records."""

    def column(self, code: str) -> Column | None:
        return next((column for column in self.columns if column.code == code), None)


@dataclass
class Figure:
    spec: FigureSpec
    params: Params
    rows: list[Row]
    columns: Sequence[Column] = field(default=())

    def __post_init__(self):
        self.columns = self.columns or self.spec.columns

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return str(self.spec.title)

    @property
    def notes(self) -> list[str]:
        return [str(note) for note in self.spec.notes]

    @property
    def headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    @property
    def scope(self) -> str:
        """The reference date or the years, and the province when the figure shows one."""
        if self.spec.period == Period.ON:
            scope = _("op %(day)s") % {"day": date_format(self.params.on, "SHORT_DATE_FORMAT")}
        elif self.spec.period == Period.CATALOGUE:
            scope = _("huidig aanbod")
        elif self.params.start_year == self.params.end_year:
            scope = str(self.params.start_year)
        else:
            scope = f"{self.params.start_year}–{self.params.end_year}"
        return f"{scope}, {self.params.province}" if self.params.province and self.by_province else scope

    @property
    def by_province(self) -> bool:
        return any(column.code == "province" for column in self.columns)

    @property
    def total(self) -> Row:
        """The total row, or an empty row when the figure has none."""
        return next((row for row in reversed(self.rows) if row.get(TOTAL)), {})

    @property
    def detail_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.get(TOTAL)]

    def sentence(self) -> str:
        return self.spec.sentence(self) if self.spec.sentence else ""

    def cells(self, row: Row) -> list[Any]:
        """The row's values in column order, codes replaced by their labels; a total row's first
        text column says that it is the total."""
        label_column = _total_label_column(self.columns) if row.get(TOTAL) else None
        return [
            str(self.spec.total_label) if column is label_column else column.display_value(row.get(column.code))
            for column in self.columns
        ]

    def as_data(self) -> list[Row]:
        """The rows as JSON values, in the same form in every language: what the API returns and an answer freezes."""
        data = []
        for row in self.rows:
            plain = {column.code: _plain(row.get(column.code)) for column in self.columns}
            if row.get(TOTAL):
                plain[TOTAL] = True
            data.append(plain)
        return data

    @classmethod
    def from_data(cls, spec: FigureSpec, params: Params, data: list[Row]) -> "Figure":
        """The figure of stored rows (`as_data`), with dates and amounts back to their types."""
        figure = cls(spec, params, [], _columns_of_data(spec, data))
        figure.rows = [{**row, **_typed(figure.columns, row)} for row in data]
        return figure


def _total_label_column(columns: Sequence[Column]) -> Column | None:
    return next((column for column in columns if column.kind == Kind.TEXT), None)


def _columns_of_data(spec: FigureSpec, data: list[Row]) -> Sequence[Column]:
    """Stored rows of a figure whose columns come from the data (referrals) name their columns themselves."""
    if not data or all(spec.column(code) for code in data[0] if code != TOTAL):
        return spec.columns
    return [spec.column(code) or Column(code, code) for code in data[0] if code != TOTAL]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(columns: Sequence[Column], row: Row) -> Row:
    typed: Row = {}
    for column in columns:
        value = row.get(column.code)
        if value is None:
            continue
        if column.kind == Kind.DATE:
            typed[column.code] = date.fromisoformat(value)
        elif column.kind == Kind.AMOUNT:
            typed[column.code] = Decimal(str(value)).quantize(Decimal("0.01"))
    return typed


FIGURES: dict[str, FigureSpec] = {}


def figure(
    name: str,
    *,
    title: str | Promise,
    description: str | Promise,
    columns: Sequence[Column],
    period: Period,
    sentence: Callable[[Figure], str] | None = None,
    total_label: str | Promise = "",
    notes: Sequence[str | Promise] = (),
    records: Callable[[Params, list[Row]], CellRecords] | None = None,
    recorded_since: Callable[[], date | None] | None = None,
    synthetic: Callable[[Params], bool] | None = None,
) -> Callable[[Callable[[Params], list[Row] | Table]], Callable[[Params], list[Row] | Table]]:
    """Registers the decorated query as the figure `name` (its URL slug and CLI name)."""

    def register(compute: Callable[[Params], list[Row] | Table]) -> Callable[[Params], list[Row] | Table]:
        FIGURES[name] = FigureSpec(
            name, title, description, columns, period, compute, sentence, total_label, notes, records, recorded_since, synthetic
        )
        return compute

    return register


def check_period(name: str, params: Params) -> None:
    """A ParamsError in Dutch when the figure is not offered for the parameters' years."""
    spec = FIGURES[name]
    if spec.period == Period.CALENDAR_YEAR and params.start_year != params.end_year:
        raise ParamsError(
            "van",
            _(
                "'%(title)s' bestaat alleen per kalenderjaar: kies bij 'van' en 'tot' hetzelfde jaar. Uit "
                "overlappende periodes zou men de aantallen onder 5 kunnen terugrekenen."
            )
            % {"title": spec.title},
        )


def compute(name: str, params: Params) -> Figure:
    """The figure for the parameters; with a province, only that province's rows (where it has a province column)."""
    check_period(name, params)
    spec = FIGURES[name]
    result = spec.compute(params)
    rows, columns = (result.rows, result.columns) if isinstance(result, Table) else (result, spec.columns)
    figure = Figure(spec, params, rows, columns)
    if params.province and figure.by_province:
        figure.rows = [row for row in rows if row.get("province") == params.province]
    return figure
