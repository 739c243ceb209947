"""Cooperation over time: the counts of the province table (cooperation_by_province) month by month.

The status rule of partnerships.selectors.cooperation asked once per month would cost a query
per month. Here the municipalities' periods, their lineage and the agreements' validity
intervals are read once (three queries for any number of months) and the same rule (the
strongest form in force among the agreements of the municipality and of those that merged
into it) is applied in Python to each date. A test holds it equal to the province table on
every date it plots. The row of small maps per year (reports.maps) reads the same `History`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from partnerships.models import Agreement, Municipality
from partnerships.selectors import NO_COOPERATION
from partnerships.selectors.cooperation import FIGURE_OF_FORM, FORMS_BY_STRENGTH

FIRST_DAY = date(2016, 1, 1)
COUNTS = ("agreement", "per_case", "remote_advice", "total", "none")
FORM_COUNTS = ("agreement", "per_case", "remote_advice")
NONE_RANK = len(FORMS_BY_STRENGTH)


def months(*, start: date = FIRST_DAY, end: date) -> list[date]:
    """The first day of each month from `start` to `end`, and `end` itself when it is not one."""
    days = []
    year, month = start.year, start.month
    while (day := date(year, month, 1)) <= end:
        days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days if days and days[-1] == end else [*days, end]


@dataclass(frozen=True)
class Trend:
    """Per plotted day, the province table's counts: `rows[day][province]`, and the total under None."""

    days: list[date]
    provinces: list[str]
    rows: dict[date, dict[str | None, dict[str, int]]]

    def series(self, province: str | None, count: str) -> list[int]:
        return [self.rows[day][province][count] for day in self.days]


class History:
    """The municipalities' periods and the agreements counting for each (their own and their ancestors'),
    read in three queries; `statuses_on` applies the status rule to any day without another."""

    def __init__(self):
        self.municipalities = list(
            Municipality.objects.values_list("pk", "nis_code", "province__name_nl", "valid_from", "valid_to")
        )
        lineage = Municipality.descendants.through.objects.values_list("from_municipality_id", "to_municipality_id")
        agreements_of: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for municipality_id, form, start, end in Agreement.objects.values_list(
            "municipality_id", "form", "start_date", "end_date"
        ):
            agreements_of[municipality_id].append((start, end, FORMS_BY_STRENGTH.index(form)))
        self.counted: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for ancestor, descendant in lineage:
            self.counted[descendant].extend(agreements_of.get(ancestor, ()))

    @property
    def provinces(self) -> list[str]:
        return sorted({province for _pk, _nis, province, _from, _to in self.municipalities})

    def statuses_on(self, day: date) -> dict[str, tuple[str, str]]:
        """Per NIS code of the municipalities existing on `day`: its status form and its province."""
        statuses = {}
        for pk, nis_code, province, valid_from, valid_to in self.municipalities:
            if (valid_from and valid_from > day) or (valid_to and valid_to < day):
                continue
            rank = min(
                (rank for start, end, rank in self.counted[pk] if start <= day and (end is None or end >= day)),
                default=NONE_RANK,
            )
            statuses[nis_code] = (RANK_FORMS[rank], province)
        return statuses


RANK_FORMS = [*FORMS_BY_STRENGTH, NO_COOPERATION]


def cooperation_trend(*, days: list[date]) -> Trend:
    """The counts of `cooperation_by_province` on each of `days`, in three queries."""
    history = History()
    provinces = history.provinces
    rows: dict[date, dict[str | None, dict[str, int]]] = {}
    for day in days:
        per_province = {province: dict.fromkeys(COUNTS, 0) for province in [*provinces, None]}
        for form, province in history.statuses_on(day).values():
            key = FIGURE_OF_FORM[form]
            per_province[province][key] += 1
            per_province[None][key] += 1
        for counts in per_province.values():
            counts["total"] = sum(counts[key] for key in FORM_COUNTS)
        rows[day] = per_province
    return Trend(days, provinces, rows)
