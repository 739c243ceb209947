"""Importing agreements from CSV or XLSX: every row is checked first, then all are written or none.

Header: nis,partij,vorm,begin,einde,jaarbedrag. `nis` is the code valid on the
begin date. Errors name the line as a spreadsheet shows it (the header is line 1).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.tabular import ImportResult, Row, RowError, field_problems, parse_amount, parse_date
from partnerships import services
from partnerships.models import Agreement, Municipality

COLUMNS = ["nis", "partij", "vorm", "begin", "einde", "jaarbedrag"]


@dataclass(frozen=True)
class AgreementRow:
    line: int
    municipality: Municipality
    party: str
    form: str
    start_date: date
    end_date: date | None
    annual_fee: Decimal | None

    @property
    def municipality_id(self) -> int:
        return self.municipality.pk


def overlap(first, second) -> bool:
    """Two agreements (stored or still in a file) of the same organisation that share at least one day.

    A joint agreement binds both the gemeente and the OCMW, so it meets either party.
    """
    same_organisation = first.municipality_id == second.municipality_id and (
        Agreement.Party.BOTH in (first.party, second.party) or first.party == second.party
    )
    return (
        same_organisation
        and (second.end_date is None or first.start_date <= second.end_date)
        and (first.end_date is None or second.start_date <= first.end_date)
    )


def _fmt(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


class _RowChecker:
    """Checks one raw row against the municipalities and agreements fetched up front."""

    def __init__(self, rows: list[Row]):
        codes = {str(row.values["nis"] or "").strip() for row in rows}
        self.municipalities = defaultdict(list)
        for municipality in Municipality.objects.filter(nis_code__in=codes):
            self.municipalities[municipality.nis_code].append(municipality)
        self.existing = defaultdict(list)
        for agreement in Agreement.objects.filter(municipality__nis_code__in=codes).select_related("municipality"):
            self.existing[agreement.municipality_id].append(agreement)

    def check(self, row: Row) -> tuple[AgreementRow | None, list[str]]:
        values = row.values
        problems: list[str] = []
        nis = str(values["nis"] or "").strip()
        party = str(values["partij"] or "").strip().lower()
        form = str(values["vorm"] or "").strip().lower()
        start = self._date(values["begin"], _("begindatum"), problems, required=True)
        end = self._date(values["einde"], _("einddatum"), problems, required=False)
        fee = self._amount(values["jaarbedrag"], problems)
        for name, value in (("start_date", start), ("end_date", end), ("annual_fee", fee)):
            if value is not None:
                problems += field_problems(value, Agreement, name)
        if party not in Agreement.Party.values:
            problems.append(
                _("onbekende partij '%(value)s' (toegelaten: %(allowed)s)")
                % {"value": party, "allowed": ", ".join(Agreement.Party.values)}
            )
        if form not in Agreement.Form.values:
            problems.append(
                _("onbekende vorm '%(value)s' (toegelaten: %(allowed)s)")
                % {"value": form, "allowed": ", ".join(Agreement.Form.values)}
            )
        elif fee is not None and form not in Agreement.SUBSCRIPTION_FORMS:
            problems.append(_("alleen een jaarovereenkomst heeft een jaarbedrag"))
        if start and end and end < start:
            problems.append(
                _("de einddatum %(end)s ligt voor de begindatum %(start)s") % {"end": _fmt(end), "start": _fmt(start)}
            )
        municipality = self._municipality(nis, start, problems)
        if problems:
            return None, problems
        assert municipality is not None and start is not None  # a missing one is one of the problems above
        return AgreementRow(row.line, municipality, party, form, start, end, fee), []

    def _municipality(self, nis: str, start: date | None, problems: list[str]) -> Municipality | None:
        if not nis:
            problems.append(_("de NIS-code ontbreekt"))
            return None
        candidates = self.municipalities.get(nis)
        if not candidates:
            problems.append(_("NIS-code %(nis)s bestaat niet") % {"nis": nis})
            return None
        if start is None:
            return None
        existing = [municipality for municipality in candidates if municipality.exists_on(start)]
        if not existing:
            problems.append(_("NIS-code %(nis)s bestond niet op %(day)s") % {"nis": nis, "day": _fmt(start)})
            return None
        return existing[0]

    @staticmethod
    def _date(value, label: str, problems: list[str], *, required: bool) -> date | None:
        if value in (None, ""):
            if required:
                problems.append(_("de %(label)s ontbreekt") % {"label": label})
            return None
        try:
            return parse_date(value)
        except ValueError:
            problems.append(
                _("ongeldige %(label)s '%(value)s' (gebruik JJJJ-MM-DD of DD/MM/JJJJ)") % {"label": label, "value": value}
            )
            return None

    @staticmethod
    def _amount(value, problems: list[str]) -> Decimal | None:
        if value in (None, ""):
            return None
        try:
            amount = parse_amount(value)
        except ValueError:
            problems.append(_("ongeldig jaarbedrag '%(value)s'") % {"value": value})
            return None
        if amount < 0:
            problems.append(_("het jaarbedrag mag niet negatief zijn"))
            return None
        return amount


def validate_agreement_rows(rows: list[Row]) -> ImportResult:
    """Every problem of every row, including overlaps with stored agreements and with other rows."""
    checker = _RowChecker(rows)
    result = ImportResult()
    for row in rows:
        parsed, problems = checker.check(row)
        if parsed is not None:
            problems = _overlaps(parsed, checker.existing[parsed.municipality.pk], result.rows)
        result.errors.extend(RowError(row.line, problem) for problem in problems)
        if parsed is not None and not problems:
            result.rows.append(parsed)
    return result


def _overlaps(row: AgreementRow, stored: list[Agreement], earlier_rows: list[AgreementRow]) -> list[str]:
    problems = [
        _("overlapt met de bestaande overeenkomst %(agreement)s vanaf %(start)s")
        % {"agreement": agreement, "start": _fmt(agreement.start_date)}
        for agreement in stored
        if overlap(row, agreement)
    ]
    problems += [_("overlapt met regel %(line)s") % {"line": other.line} for other in earlier_rows if overlap(row, other)]
    return problems


def import_agreements(*, rows: list[Row], source: str = "", dry_run: bool = False) -> ImportResult:
    """Validate all rows; unless dry_run and only when none is bad, create every agreement in one transaction."""
    result = validate_agreement_rows(rows)
    if not result.ok or dry_run:
        return result
    note = _("Geïmporteerd uit %(source)s.") % {"source": source} if source else ""
    try:
        with transaction.atomic():
            for row in result.rows:
                services.create_agreement(
                    municipality=row.municipality,
                    party=row.party,
                    form=row.form,
                    start_date=row.start_date,
                    end_date=row.end_date,
                    annual_fee=row.annual_fee,
                    notes=note,
                )
                result.created += 1
    except ValidationError as error:
        result.errors.append(RowError(row.line, " ".join(error.messages)))
        result.created = 0
    return result
