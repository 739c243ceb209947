"""The report parameters, parsed once for the page, the API and the CLI.

Every entry point passes its query under the page's names (op, van, tot, provincie),
so a figure means the same thing wherever it is asked for, and bad input gets the
same Dutch message everywhere.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core.years import DATE_ERROR, FIRST_DATE, FIRST_YEAR, LAST_DATE, LAST_YEAR
from partnerships.models import Province


class ParamsError(ValueError):
    """A parameter the reports cannot use; `field` is its query name, `message` says why in Dutch."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Params:
    on: date
    start_year: int
    end_year: int
    province: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, today: date) -> "Params":
        """`op` defaults to today; `tot` to the year of `op` when one is given, else to the last complete
        year (this year's figures are not final); `van` to `tot`; a province is named as in the data."""
        on = _day(query.get("op") or "", today)
        end_year = _year(query, "tot", _("Tot en met jaar")) or (on.year if query.get("op") else today.year - 1)
        start_year = _year(query, "van", _("Van jaar")) or end_year
        if start_year > end_year:
            raise ParamsError(
                "van",
                _("Het beginjaar %(start)s ligt na het eindjaar %(end)s.") % {"start": start_year, "end": end_year},
            )
        return cls(on=on, start_year=start_year, end_year=end_year, province=_province(query.get("provincie") or ""))


def _day(text: str, today: date) -> date:
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ParamsError("op", _("Ongeldige datum '%(text)s': gebruik JJJJ-MM-DD.") % {"text": text}) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ParamsError("op", str(DATE_ERROR))
    return day


def _year(query: Mapping[str, str], field: str, label: str) -> int | None:
    text = query.get(field) or ""
    if not text:
        return None
    year = int(text) if text.isascii() and text.isdigit() else None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ParamsError(
            field,
            _("%(label)s: geef een jaar tussen %(first)s en %(last)s.")
            % {"label": label, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def _province(name: str) -> str | None:
    if not name:
        return None
    if not Province.objects.filter(name_nl=name).exists():
        raise ParamsError("provincie", _("Onbekende provincie '%(name)s'.") % {"name": name})
    return name
