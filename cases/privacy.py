"""Privacy by design: anonymising old closed cases, and answering a subject access request."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import Activity, Approval, Case, CaseReport, Entrepreneur, TeamMember
from core.freshness import data_changed

ANONYMOUS = "Geanonimiseerd"


def anonymisation_cutoff(*, today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - settings.CASE_RETENTION_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - settings.CASE_RETENTION_YEARS, day=28)


def cases_due_for_anonymisation(*, today: date | None = None):
    return Case.objects.filter(
        status=Case.Status.CLOSED, closed_on__lt=anonymisation_cutoff(today=today), anonymised_at__isnull=True
    )


@transaction.atomic
def anonymise_cases(*, cases) -> int:
    """Remove names, contacts, KBO numbers, notes and reports; keep what the reports count."""
    now = timezone.now()
    cases = list(cases.select_related("entrepreneur"))
    for report in CaseReport.objects.filter(case__in=cases):
        report.file.delete(save=False)
    CaseReport.objects.filter(case__in=cases).delete()
    Activity.objects.filter(case__in=cases).update(description="")
    Approval.objects.filter(case__in=cases).update(reason="")
    Approval.history.filter(case_id__in=[case.pk for case in cases]).update(reason="")
    TeamMember.objects.filter(case__in=cases).update(name=ANONYMOUS)
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(
        situation="", findings="", advice="", confidential_notes="", anonymised_at=now
    )
    entrepreneurs = {case.entrepreneur_id for case in cases}
    still_active = set(
        Case.objects.filter(entrepreneur__in=entrepreneurs, anonymised_at__isnull=True).values_list("entrepreneur", flat=True)
    )
    Entrepreneur.objects.filter(pk__in=entrepreneurs - still_active).update(
        name=ANONYMOUS, email="", phone="", address="", enterprise_number="", sector="", anonymised_at=now
    )
    Case.history.filter(id__in=[case.pk for case in cases]).delete()
    data_changed("cases")  # the updates above send no signals
    return len(cases)


def reapply_retention_after_restore(**kwargs) -> str:
    """After a restore (core.backup's `restored` signal): a backup taken before an anonymisation
    holds the data it erased, so every case past the retention period is anonymised again."""
    due = cases_due_for_anonymisation()
    count = anonymise_cases(cases=due) if due.exists() else 0
    return (
        f"Bewaartermijn opnieuw toegepast ({settings.CASE_RETENTION_YEARS} jaar): {count} dossier(s) geanonimiseerd "
        "die in de back-up nog persoonsgegevens hadden."
    )


def export_entrepreneur(*, entrepreneur: Entrepreneur) -> dict:
    """Everything held on one entrepreneur, for a GDPR access request."""
    return {
        "ondernemer": {
            "id": entrepreneur.pk,
            "naam": entrepreneur.name,
            "e-mail": entrepreneur.email,
            "telefoon": entrepreneur.phone,
            "adres": entrepreneur.address,
            "gemeente": str(entrepreneur.municipality) if entrepreneur.municipality else None,
            "ondernemingsnummer": entrepreneur.enterprise_number_display,
            "rechtsvorm": entrepreneur.get_legal_form_display(),
            "sector": entrepreneur.sector,
            "taal": entrepreneur.get_language_display(),
            "geregistreerd_op": entrepreneur.created_at.isoformat(),
        },
        "dossiers": [
            _case(case)
            for case in entrepreneur.cases.prefetch_related(
                "activities", "referrals", "payer_lines", "team", "reports", "status_changes"
            )
        ],
    }


def _case(case: Case) -> dict:
    return {
        "id": case.pk,
        "gemeente": str(case.municipality) if case.municipality else None,
        "geopend_op": case.opened_on.isoformat(),
        "aanmelder": case.get_channel_display(),
        "verwijzende_organisatie": str(case.referring_organisation) if case.referring_organisation else None,
        "fase": case.get_phase_display(),
        "status": case.get_status_display(),
        "resultaat": case.get_outcome_display(),
        "afgesloten_op": case.closed_on.isoformat() if case.closed_on else None,
        "diensten": {
            "ondernemingsscan": case.business_scan,
            "multidisciplinair_advies": case.multidisciplinary_advice,
            "sociaal_vooronderzoek": case.social_investigation,
        },
        "situatie": case.situation,
        "bevindingen": case.findings,
        "advies": case.advice,
        "vertrouwelijke_notities": case.confidential_notes,
        "toestemming_gegeven_op": case.consent_given_at.isoformat() if case.consent_given_at else None,
        "team": [str(member) for member in case.team.all()],
        "activiteiten": [
            {"datum": a.date.isoformat(), "soort": a.get_kind_display(), "omschrijving": a.description}
            for a in case.activities.all()
        ],
        "doorverwijzingen": [
            {"datum": r.referred_on.isoformat(), "ocmw": str(r.ocmw), "reden": r.reason, "uitkomst": r.get_outcome_display()}
            for r in case.referrals.all()
        ],
        "betalingen": [
            {"datum": p.paid_on.isoformat(), "betaler": p.get_payer_display(), "bedrag": str(p.amount)}
            for p in case.payer_lines.all()
        ],
        "rapporten": [{"versie": r.version, "gemaakt_op": r.created_at.isoformat()} for r in case.reports.all()],
        "statusgeschiedenis": [
            {"van": s.from_status, "naar": s.to_status, "op": s.changed_at.isoformat()} for s in case.status_changes.all()
        ],
    }
