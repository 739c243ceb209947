"""The span of dates the records cover, so a page can say which dates its figures can speak about.

The first and last dates come from the database: four aggregates (agreements' starts and
ends, cases, training sessions), whatever the number of records.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from cases.models import Case
from core.years import short_date
from partnerships.models import Agreement
from reports.params import Params
from trainings.models import TrainingSession


@dataclass(frozen=True)
class DataSpan:
    first: date | None
    last: date | None

    def note(self) -> str:
        if self.first is None or self.last is None:
            return _("Er zijn nog geen gegevens.")
        return _("De gegevens lopen van %(first)s tot %(last)s.") % {
            "first": short_date(self.first),
            "last": short_date(self.last),
        }

    def warnings(self, params: Params, *, on: bool = True, years: bool = True) -> list[str]:
        """What the chosen date or years ask outside the records: the figures there count nothing yet (or any more)."""
        if self.first is None or self.last is None:
            return []
        found = []
        if on and not self.first <= params.on <= self.last:
            found.append(
                _("De peildatum %(day)s ligt buiten de gegevens (%(first)s tot %(last)s).")
                % {"day": short_date(params.on), "first": short_date(self.first), "last": short_date(self.last)}
            )
        if years and (params.start_year < self.first.year or params.end_year > self.last.year):
            found.append(
                _("De jaren %(start)s–%(end)s vallen deels buiten de gegevens (%(first)s tot %(last)s).")
                % {"start": params.start_year, "end": params.end_year, "first": self.first.year, "last": self.last.year}
            )
        return found


def data_span() -> DataSpan:
    """The earliest and latest date of an agreement's start or end, a case's opening or a training session."""
    spans = [
        Agreement.objects.aggregate(first=Min("start_date"), last=Max("start_date")),
        Agreement.objects.aggregate(first=Min("end_date"), last=Max("end_date")),
        Case.objects.aggregate(first=Min("opened_on"), last=Max("opened_on")),
        TrainingSession.objects.aggregate(first=Min("date"), last=Max("date")),
    ]
    firsts = [span["first"] for span in spans if span["first"]]
    lasts = [span["last"] for span in spans if span["last"]]
    return DataSpan(min(firsts, default=None), max(lasts, default=None))
