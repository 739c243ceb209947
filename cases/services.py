"""Business actions on cases: opening, the status workflow, approvals, referrals, payments, reports."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import notifications
from cases.kbo import normalise_kbo
from cases.models import AccessLog, Activity, Approval, Case, CaseReport, Entrepreneur, PayerLine, Referral, StatusChange
from cases.selectors import awaiting_approval
from core.notifications import wanting
from core.pdf import render_pdf
from partnerships.models import Agreement, Municipality, Organisation
from partnerships.selectors import cooperation_form

Status = Case.Status
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.REGISTERED: {Status.INTAKE, Status.CLOSED},
    Status.INTAKE: {Status.ONGOING, Status.CLOSED},
    Status.ONGOING: {Status.CLOSED},
    Status.CLOSED: set(),
}
FUNDING_BY_FORM: dict[str, str] = {
    Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY: Case.FundingBasis.SUBSCRIPTION,
    Agreement.Form.SUBSCRIPTION: Case.FundingBasis.SUBSCRIPTION,
    Agreement.Form.PER_CASE: Case.FundingBasis.PER_CASE,
    Agreement.Form.REMOTE_ADVICE: Case.FundingBasis.REMOTE_ADVICE,
}


def funding_basis_for(*, municipality: Municipality | None, on: date) -> str:
    """From the status rule on the opening day: no cooperation means Dyzo bears the cost."""
    if municipality is None:
        return Case.FundingBasis.OWN_COST
    form = cooperation_form(municipality=municipality, on=on)
    return FUNDING_BY_FORM.get(form, Case.FundingBasis.OWN_COST)


def save_entrepreneur(*, entrepreneur: Entrepreneur) -> Entrepreneur:
    entrepreneur.enterprise_number = normalise_kbo(entrepreneur.enterprise_number) if entrepreneur.enterprise_number else ""
    entrepreneur.full_clean()
    entrepreneur.save()
    return entrepreneur


@transaction.atomic
def open_case(
    *,
    entrepreneur: Entrepreneur,
    municipality: Municipality | None,
    opened_on: date,
    channel: str,
    phase: str,
    by=None,
    referring_organisation: Organisation | None = None,
    case_worker=None,
    situation: str = "",
    consent_given_at=None,
    shared_with_local_authority: bool = True,
) -> Case:
    if municipality is not None and not municipality.exists_on(opened_on):
        raise ValidationError(_("%(gemeente)s bestond niet op de openingsdatum.") % {"gemeente": municipality})
    case = Case(
        entrepreneur=entrepreneur,
        municipality=municipality,
        opened_on=opened_on,
        channel=channel,
        phase=phase,
        referring_organisation=referring_organisation,
        case_worker=case_worker,
        situation=situation,
        consent_given_at=consent_given_at,
        shared_with_local_authority=shared_with_local_authority,
        funding_basis=funding_basis_for(municipality=municipality, on=opened_on),
    )
    case.full_clean()
    case.save()
    StatusChange.objects.create(case=case, to_status=case.status, changed_by=by)
    return case


@transaction.atomic
def refer_case(
    *, organisation: Organisation, name: str, email: str, phone: str, phase: str, situation: str, by, on: date
) -> Case:
    """A partner refers an entrepreneur: the entrepreneur and the case are written together or not at all.

    An organisation of a municipality that has since merged refers to the merged municipality.
    """
    municipality = organisation.municipality.as_of(on)
    if municipality is None:
        raise ValidationError(_("De gemeente van uw organisatie bestaat niet meer; neem contact op met Dyzo."))
    entrepreneur = save_entrepreneur(entrepreneur=Entrepreneur(name=name, email=email, phone=phone, municipality=municipality))
    case = open_case(
        entrepreneur=entrepreneur,
        municipality=municipality,
        opened_on=on,
        channel=Case.Channel.OCMW if organisation.kind == Organisation.Kind.OCMW else Case.Channel.GEMEENTE,
        phase=phase,
        referring_organisation=organisation,
        situation=situation,
        by=by,
    )
    notifications.new_case(case)
    return case


@transaction.atomic
def change_status(*, case: Case, to: str, by, outcome: str = "", on: date | None = None) -> Case:
    """Move a case along aangemeld → intake → lopend → afgesloten; anything else is refused and changes nothing.

    Taking a per-case case up (intake) asks its local authority for the approval; closing a referred case tells
    the organisation that referred it."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to not in Status.values:
        raise ValidationError(_("Onbekende status '%(status)s'.") % {"status": to})
    if to not in ALLOWED_TRANSITIONS[case.status]:
        raise ValidationError(
            _("Een dossier kan niet van '%(from)s' naar '%(to)s' gaan.")
            % {"from": case.get_status_display(), "to": Status(to).label}
        )
    if to == Status.ONGOING and case.needs_approval and not _approved(case):
        raise ValidationError(_("Dit dossier loopt per dossier: eerst moet het lokale bestuur de eenmalige betaling goedkeuren."))
    if to == Status.CLOSED:
        if outcome not in Case.Outcome.values:
            raise ValidationError(_("Kies een resultaat om het dossier af te sluiten."))
        case.outcome, case.closed_on = outcome, on or timezone.localdate()
    StatusChange.objects.create(case=case, from_status=case.status, to_status=to, changed_by=by)
    case.status = to
    case.full_clean()
    case.save()
    if to == Status.INTAKE:
        _ask_for_approval(case)
    if to == Status.CLOSED:
        notifications.case_closed(case)
    return case


def _ask_for_approval(case: Case) -> None:
    """A per-case case in intake that its local authority can see waits for its decision: tell its partner admins."""
    if case.shared_with_local_authority and case.needs_approval and case.decision is None:
        notifications.approval_needed(case)


def _approved(case: Case) -> bool:
    return Approval.objects.filter(case=case, decision=Approval.Decision.APPROVED).exists()


@transaction.atomic
def decide_approval(
    *,
    case: Case,
    organisation: Organisation,
    decision: str,
    decided_by_name: str,
    decided_on: date,
    amount: Decimal | None,
    reason: str = "",
) -> Approval:
    """The local authority approves or declines the one-time payment of a per-case case (rules in Approval.clean).

    A decision is taken once: the case is locked, so a second person deciding at the same time is refused
    instead of overwriting the first decision.
    """
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if Approval.objects.filter(case=case).exists():
        raise ValidationError(_("Over dit dossier is al beslist."))
    approval = Approval(
        case=case,
        organisation=organisation,
        decision=decision,
        decided_by_name=decided_by_name.strip(),
        decided_on=decided_on,
        amount=amount,
        reason=reason.strip(),
    )
    return store_approval(approval=approval)


@transaction.atomic
def store_approval(*, approval: Approval) -> Approval:
    """A new or corrected decision; a new one is e-mailed to the case worker."""
    new = approval._state.adding
    approval.full_clean()
    approval.save()
    if new:
        notifications.decision_taken(approval)
    return approval


@transaction.atomic
def remind_approval(*, case: Case, by, today: date | None = None) -> int:
    """E-mail the deciding local authority's partner admins that the case still waits for them, at most once a day.

    The reminder is written on the case as an activity; returns how many people it goes to.
    """
    today = today or timezone.localdate()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not awaiting_approval(Case.objects.filter(pk=case.pk)).exists():
        raise ValidationError(_("%(case)s wacht niet op een akkoord van het lokale bestuur.") % {"case": case})
    if case.activities.filter(kind=Activity.Kind.APPROVAL_REMINDER, date=today).exists():
        raise ValidationError(_("Het lokale bestuur is vandaag al herinnerd aan %(case)s.") % {"case": case})
    recipients = list(wanting(notifications.APPROVAL_REMINDER, notifications.deciding_admins(case)))
    if not recipients:
        raise ValidationError(
            _("Geen partnerbeheerder van het lokale bestuur van %(case)s ontvangt herinneringen.") % {"case": case}
        )
    Activity.objects.create(
        case=case,
        kind=Activity.Kind.APPROVAL_REMINDER,
        date=today,
        description=_("Herinnering aan het akkoord gemaild naar %(people)s.")
        % {"people": ", ".join(user.email for user in recipients)},
        created_by=by,
    )
    notifications.approval_reminder(case, day=today)
    return len(recipients)


@transaction.atomic
def store_referral(*, referral: Referral) -> Referral:
    """A new or changed referral, always to an OCMW (Referral.clean)."""
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def store_payer_line(*, line: PayerLine) -> PayerLine:
    """A new or changed payment; the case is locked so two payments cannot both pass the cap (PayerLine.clean)."""
    Case.objects.select_for_update().filter(pk=line.case_id).first()
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def generate_report(*, case: Case, by) -> CaseReport:
    """Render the social pre-investigation report and store it as the next version."""
    if case.anonymised_at:
        raise ValidationError(_("Van een geanonimiseerd dossier kan geen rapport meer gemaakt worden."))
    version = (case.reports.aggregate(latest=Max("version"))["latest"] or 0) + 1
    pdf = render_pdf(
        "cases/report.html",
        {"case": case, "entrepreneur": case.entrepreneur, "version": version, "today": timezone.localdate(), "author": by},
    )
    report = CaseReport(case=case, version=version, created_by=by)
    report.file.save(f"dossier-{case.pk}-v{version}.pdf", ContentFile(pdf), save=False)
    report.save()
    return report


def log_access(*, user, case: Case | None, action: str, path: str) -> None:
    AccessLog.objects.create(user=user, case=case, action=action, path=path[:300])


@transaction.atomic
def submit_help_request(
    *, name: str, email: str, phone: str, municipality: Municipality, description: str, consent: bool
) -> Case:
    """A help request from the public form: a new case in "aangemeld", waiting for triage.

    Only Dyzo sees it until staff triage it and refer it (`refer_to_local_authority`): the form
    promises the entrepreneur that much.
    """
    if not consent:
        raise ValidationError(_("Zonder uw toestemming kunnen wij uw vraag niet behandelen."))
    entrepreneur = save_entrepreneur(entrepreneur=Entrepreneur(name=name, email=email, phone=phone, municipality=municipality))
    case = open_case(
        entrepreneur=entrepreneur,
        municipality=municipality,
        opened_on=timezone.localdate(),
        channel=Case.Channel.SELF,
        phase=Case.Phase.RESCUE,
        situation=description,
        consent_given_at=timezone.now(),
        shared_with_local_authority=False,
    )
    notifications.new_case(case)
    return case


@transaction.atomic
def refer_to_local_authority(*, case: Case, by) -> Case:
    """Dyzo has triaged a help request and passes it to the OCMW of its municipality, which from now
    on sees it like any case of its municipality (and, per case, decides on the payment).

    A request still waiting for triage moves to intake on the way.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.shared_with_local_authority:
        raise ValidationError(_("Het lokale bestuur ziet dit dossier al."))
    if case.municipality is None:
        raise ValidationError(_("Dit dossier heeft geen gemeente: er is geen OCMW om het aan door te geven."))
    if case.status == Status.CLOSED:
        raise ValidationError(_("Een afgesloten dossier wordt niet meer doorgegeven."))
    if case.status == Status.REGISTERED:
        case = change_status(case=case, to=Status.INTAKE, by=by)
    case.shared_with_local_authority = True
    case.full_clean()
    case.save()
    if case.status == Status.INTAKE:
        _ask_for_approval(case)
    return case
