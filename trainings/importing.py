"""Importing training sessions from CSV or XLSX, all or nothing, like the agreements import.

Header: datum,inrichter,doelgroep,deelnemers,modules. `modules` is a `;`-separated
list of module names and may be empty. An organiser that names an organisation
("OCMW Gent") is linked to it; any other organiser is kept as text.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from core.tabular import ImportResult, Row, RowError, field_problems, parse_date
from partnerships.models import Organisation
from trainings.models import Module, TrainingSession

COLUMNS = ["datum", "inrichter", "doelgroep", "deelnemers", "modules"]


@dataclass(frozen=True)
class SessionRow:
    line: int
    date: date
    organiser: Organisation | None
    organiser_name: str
    target_group: str
    participants: int | None
    modules: list[Module]


def _participants(value, problems: list[str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = -1
    if number < 0:
        problems.append(_("ongeldig aantal deelnemers '%(value)s'") % {"value": value})
        return None
    return number


def validate_session_rows(rows: list[Row]) -> ImportResult:
    modules = {module.name.casefold(): module for module in Module.objects.all()}
    organisations: dict[str, list[Organisation]] = {}
    for organisation in Organisation.objects.select_related("municipality"):
        organisations.setdefault(organisation.name.casefold(), []).append(organisation)
    result = ImportResult()
    for row in rows:
        problems = []
        try:
            day = parse_date(row.values["datum"])
        except ValueError:
            day = None
            problems.append(_("ongeldige datum '%(value)s' (gebruik JJJJ-MM-DD of DD/MM/JJJJ)") % {"value": row.values["datum"]})
        organiser_name = str(row.values["inrichter"] or "").strip()
        target_group = str(row.values["doelgroep"] or "").strip()
        if not organiser_name:
            problems.append(_("de inrichter ontbreekt"))
        if not target_group:
            problems.append(_("de doelgroep ontbreekt"))
        participants = _participants(row.values["deelnemers"], problems)
        parsed = {
            "date": day,
            "historic_participants": participants,
            "organiser_name": organiser_name,
            "target_group": target_group,
        }
        for name, value in parsed.items():
            if value not in (None, ""):
                problems += field_problems(value, TrainingSession, name)
        names = [name.strip() for name in str(row.values["modules"] or "").split(";") if name.strip()]
        unknown = [name for name in names if name.casefold() not in modules]
        problems += [_("onbekende module '%(name)s'") % {"name": name} for name in unknown]
        if problems:
            result.errors += [RowError(row.line, problem) for problem in problems]
            continue
        assert day is not None  # an unreadable date is one of the problems above
        organiser = next(
            (org for org in organisations.get(organiser_name.casefold(), []) if org.municipality.exists_on(day)), None
        )
        result.rows.append(
            SessionRow(
                line=row.line,
                date=day,
                organiser=organiser,
                organiser_name="" if organiser else organiser_name,
                target_group=target_group,
                participants=participants,
                modules=[modules[name.casefold()] for name in names],
            )
        )
    return result


def import_sessions(*, rows: list[Row], dry_run: bool = False) -> ImportResult:
    """Validate all rows; unless dry_run and only when none is bad, create every session in one transaction."""
    result = validate_session_rows(rows)
    if not result.ok or dry_run:
        return result
    with transaction.atomic():
        for row in result.rows:
            session = TrainingSession.objects.create(
                date=row.date,
                organiser=row.organiser,
                organiser_name=row.organiser_name,
                target_group=row.target_group,
                historic_participants=row.participants,
            )
            session.modules.set(row.modules)
            result.created += 1
    return result
