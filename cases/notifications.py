"""The e-mails about cases and whom each reaches; `cases.services` sends them when the event happens.

The e-mails name the case by its number and municipality, never the entrepreneur: the link leads to
the page, where the reader's access decides what they see.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from core.notifications import Kind, notify, register
from core.roles import coordinators
from partnerships.accounts import is_partner, is_partner_admin
from partnerships.models import Membership, Organisation


def _is_staff(user) -> bool:
    return user.is_staff


NEW_CASE = register(Kind("nieuwe_aanmelding", _("Een nieuwe doorverwijzing of hulpvraag"), _is_staff))
DECISION_TAKEN = register(Kind("beslissing_genomen", _("Een beslissing over het akkoord voor mijn dossier"), _is_staff))
PORTAL_SETTINGS = "portal:notifications"
APPROVAL_NEEDED = register(
    Kind("akkoord_gevraagd", _("Een dossier dat op het akkoord van ons bestuur wacht"), is_partner_admin, PORTAL_SETTINGS)
)
APPROVAL_REMINDER = register(
    Kind("akkoord_herinnering", _("Een herinnering aan een akkoord dat nog wacht"), is_partner_admin, PORTAL_SETTINGS)
)
CASE_CLOSED = register(Kind("dossier_afgesloten", _("Een afgesloten dossier dat wij doorverwezen"), is_partner, PORTAL_SETTINGS))


def deciding_organisations(case: Case) -> QuerySet[Organisation]:
    """Who decides on a per-case case's one-time payment and sees it in the portal: the OCMW of its
    municipality, and the gemeente as well when the gemeente referred it (the rule of `Case.objects.visible_to`)."""
    return Organisation.objects.filter(municipality=case.municipality_id).filter(
        Q(kind=Organisation.Kind.OCMW) | Q(pk=case.referring_organisation_id)
    )


def deciding_admins(case: Case):
    return get_user_model().objects.filter(
        memberships__organisation__in=deciding_organisations(case), memberships__role=Membership.Role.ADMIN
    )


def _staff_page(case: Case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def new_case(case: Case) -> None:
    """A referral or help request came in: Dyzo's coordinators and the case worker, if one is assigned already."""
    staff = get_user_model().objects.filter(Q(pk__in=coordinators().values("pk")) | Q(pk=case.case_worker_id))
    notify(NEW_CASE, recipients=staff, about=case, key=str(case.pk), path=_staff_page(case), context={"case": case})


def approval_needed(case: Case) -> None:
    """Triage took a per-case case up: the partner admins of the local authority that decides."""
    path = reverse("portal:approve", args=[case.pk])
    notify(APPROVAL_NEEDED, recipients=deciding_admins(case), about=case, key=str(case.pk), path=path, context={"case": case})


def approval_reminder(case: Case, *, day) -> None:
    path = reverse("portal:approve", args=[case.pk])
    key = f"{case.pk}:{day.isoformat()}"
    notify(
        APPROVAL_REMINDER,
        recipients=deciding_admins(case),
        about=case,
        key=key,
        path=path,
        context={"case": case, "since": case.opened_on},
    )


def decision_taken(approval) -> None:
    case = approval.case
    case_worker = get_user_model().objects.filter(pk=case.case_worker_id)
    notify(
        DECISION_TAKEN,
        recipients=case_worker,
        about=case,
        key=str(case.pk),
        path=_staff_page(case),
        context={"case": case, "approval": approval},
    )


def case_closed(case: Case) -> None:
    """The referring organisation's partner admins, and the colleague who referred the case."""
    if case.referring_organisation_id is None:
        return
    referrer = case.status_changes.order_by("changed_at", "pk").values("changed_by")[:1]
    partners = get_user_model().objects.filter(
        Q(memberships__role=Membership.Role.ADMIN) | Q(pk=Subquery(referrer)),
        memberships__organisation=case.referring_organisation_id,
    )
    notify(
        CASE_CLOSED,
        recipients=partners,
        about=case,
        key=str(case.pk),
        path=reverse("portal:case", args=[case.pk]),
        context={"case": case},
    )
