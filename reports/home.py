"""The staff home ("Vandaag") on the admin's first page: what waits for this person today.

Every line is one aggregate query over a worklist selector, and links to the admin changelist
narrowed by that same selector, so the count and the list cannot disagree; the number of
queries does not grow with the data.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import admin
from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import selectors as cases
from cases.models import Case
from core.admin_worklists import WORKLIST_PARAMETER
from core.roles import CASE_WORKER_GROUP, COORDINATOR_GROUP
from partnerships.models import Agreement, Outreach
from partnerships.selectors import worklists as partnerships
from reports.quality import open_findings
from trainings import selectors as trainings
from trainings.models import TrainingSession


@dataclass(frozen=True)
class Line:
    label: str
    count: int
    url: str
    detail: str = ""


def _changelist(model, **params) -> str:
    return f"{reverse(f'admin:{model._meta.app_label}_{model._meta.model_name}_changelist')}?{urlencode(params)}"


def _line(label: str, queryset: QuerySet, url: str, *, field: str, detail, today: date) -> Line:
    """`detail` turns the number of days between today and the earliest `field` into words."""
    found = queryset.order_by().aggregate(count=Count("pk"), earliest=Min(field))
    if not found["count"]:
        return Line(label, 0, url)
    return Line(label, found["count"], url, detail(abs((today - found["earliest"]).days)))


def _waiting(days: int) -> str:
    return ngettext("oudste wacht %(days)s dag", "oudste wacht %(days)s dagen", days) % {"days": days}


def _ago(days: int) -> str:
    return ngettext("oudste %(days)s dag geleden", "oudste %(days)s dagen geleden", days) % {"days": days}


def _ahead(days: int) -> str:
    return ngettext("eerste over %(days)s dag", "eerste over %(days)s dagen", days) % {"days": days}


def staff_home(user, *, today: date | None = None) -> list[Line]:
    """The lines for this person's roles: the shared ones, then a case worker's, then a coordinator's."""
    today = today or timezone.localdate()
    roles = set(user.groups.values_list("name", flat=True))
    # The changelist numbers its columns after the action checkbox (the case list has actions).
    opened_order = str(["action_checkbox", *admin.site.get_model_admin(Case).list_display].index("opened_on"))
    lines = [
        _line(
            _("Aanmeldingen die wachten op triage"),
            cases.waiting_for_triage(),
            _changelist(Case, status__exact=Case.Status.REGISTERED, o=opened_order),
            field="opened_on",
            detail=_waiting,
            today=today,
        ),
        _line(
            _("Dossiers per dossier die wachten op het akkoord van het lokale bestuur"),
            cases.awaiting_approval(),
            _changelist(Case, **{WORKLIST_PARAMETER: "akkoord", "o": opened_order}),
            field="opened_on",
            detail=_waiting,
            today=today,
        ),
    ]
    if CASE_WORKER_GROUP in roles:
        lines += _own_cases(user, today=today, opened_order=opened_order)
    if COORDINATOR_GROUP in roles or user.is_superuser:
        lines += _coordination(today=today)
    return lines


def _own_cases(user, *, today: date, opened_order: str) -> list[Line]:
    mine = Case.objects.filter(case_worker=user)
    per_status = {
        row["status"]: row
        for row in mine.exclude(status=Case.Status.CLOSED)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"), earliest=Min("opened_on"))
    }
    lines = []
    for status in (Case.Status.REGISTERED, Case.Status.INTAKE, Case.Status.ONGOING):
        url = _changelist(Case, case_worker__id__exact=user.pk, status__exact=status, o=opened_order)
        label = _("Mijn dossiers: %(status)s") % {"status": status.label}
        row = per_status.get(status)
        lines.append(Line(label, row["count"], url, _ago((today - row["earliest"]).days)) if row else Line(label, 0, url))
    lines.append(
        _line(
            _("Mijn dossiers zonder activiteit sinds 30 dagen"),
            cases.stale(mine, today=today),
            _changelist(Case, **{WORKLIST_PARAMETER: "stil", "case_worker__id__exact": user.pk}),
            field="last_activity",
            detail=lambda days: (
                ngettext("oudste activiteit %(days)s dag geleden", "oudste activiteit %(days)s dagen geleden", days)
                % {"days": days}
            ),
            today=today,
        )
    )
    return lines


def _coordination(*, today: date) -> list[Line]:
    findings = open_findings()
    return [
        _line(
            _("Overeenkomsten die binnen 60 dagen aflopen"),
            partnerships.ending_soon(today=today),
            _changelist(Agreement, **{WORKLIST_PARAMETER: "loopt_af"}),
            field="end_date",
            detail=_ahead,
            today=today,
        ),
        _line(
            _("Overeenkomsten afgelopen zonder opvolger (laatste jaar)"),
            partnerships.ended_without_successor(today=today),
            _changelist(Agreement, **{WORKLIST_PARAMETER: "zonder_opvolger"}),
            field="end_date",
            detail=_ago,
            today=today,
        ),
        _line(
            _("Aanbiedingen waarvan de opvolgdatum voorbij is"),
            partnerships.follow_up_due(today=today),
            _changelist(Outreach, **{WORKLIST_PARAMETER: "opvolgen"}),
            field="follow_up_on",
            detail=_ago,
            today=today,
        ),
        _line(
            _("Opleidingen binnen 30 dagen met vrije plaatsen of een wachtlijst"),
            trainings.open_or_waiting(today=today),
            _changelist(TrainingSession, **{WORKLIST_PARAMETER: "plaatsen"}),
            field="date",
            detail=_ahead,
            today=today,
        ),
        Line(_("Open bevindingen over de datakwaliteit"), findings, reverse("reports:quality")),
    ]
