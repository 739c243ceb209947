"""Reading cases: what a case page shows, the per-case tariff, and the figures for the reports (small counts hidden)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, DateField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Activity, Case, Referral
from partnerships.selectors.tariffs import SuggestedFee, suggested_fee

SUPPRESSION_THRESHOLD = 5
STALE_AFTER_DAYS = 30


def suppressed(count: int):
    """In a small municipality a few cases identify a person: under 5 is shown as "<5"."""
    return "<5" if 0 < count < SUPPRESSION_THRESHOLD else count


def referrals_of_years(*, start_year: int, end_year: int):
    """The referrals of a range of years, with `year`: what the referral figure counts."""
    return Referral.objects.filter(referred_on__year__gte=start_year, referred_on__year__lte=end_year).annotate(
        year=ExtractYear("referred_on")
    )


def referrals_per_year_and_province(*, start_year: int, end_year: int) -> list[dict]:
    """Per year and province of the OCMW the case was referred to."""
    return list(
        referrals_of_years(start_year=start_year, end_year=end_year)
        .values("year", "ocmw__municipality__province__name_nl")
        .annotate(referrals=Count("pk"))
        .order_by("year", "ocmw__municipality__province__name_nl")
    )


def proposed_fee(case: Case) -> SuggestedFee | None:
    """The tariff band that proposes the one-time payment: the one in force when the case was opened, for its municipality.

    None when no band, population or per-case fee is known: the local authority then fills in the amount itself.
    """
    if case.municipality is None:
        return None
    fee = suggested_fee(municipality=case.municipality, on=case.opened_on)
    return fee if fee is not None and fee.per_case_fee is not None else None


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    what: str
    by: str = ""
    detail: str = ""


def timeline(case: Case, *, for_staff: bool) -> list[TimelineEntry]:
    """Status changes, the local authority's decision and activities, newest first.

    Partners see that an activity took place, not what Dyzo wrote about it.
    """
    entries = [
        TimelineEntry(
            day=timezone.localdate(change.changed_at),
            what=_("Status: %(status)s") % {"status": change.get_to_status_display()},
            by=_person(change.changed_by),
        )
        for change in case.status_changes.select_related("changed_by")
    ]
    decision = case.decision
    if decision is not None:
        entries.append(
            TimelineEntry(
                day=decision.decided_on,
                what=_("Beslissing van het lokale bestuur: %(decision)s") % {"decision": decision.get_decision_display()},
                by=decision.decided_by_name,
            )
        )
    entries += [
        TimelineEntry(
            day=activity.date,
            what=activity.get_kind_display(),
            by=_person(activity.created_by),
            detail=activity.description if for_staff else "",
        )
        for activity in case.activities.select_related("created_by").order_by("date", "pk")
    ]
    return sorted(entries, key=lambda entry: entry.day)[::-1]


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# The staff home's worklists. Each takes the cases to narrow (the admin's changelist passes its own),
# so the home's count and the list behind its link are the same query.


def waiting_for_triage(cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Help requests, referrals and cases opened by staff that nobody has taken up yet: still "aangemeld".

    Every case starts in "aangemeld", whatever its channel; triage is the move to intake (or closing it).
    """
    return (Case.objects.all() if cases is None else cases).filter(status=Case.Status.REGISTERED)


def awaiting_approval(cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Open per-case cases whose local authority has not decided on the one-time payment yet, among
    those it sees: a help request Dyzo has not passed on does not wait on anyone outside Dyzo."""
    return (
        (Case.objects.all() if cases is None else cases)
        .filter(funding_basis=Case.FundingBasis.PER_CASE, approval__isnull=True, shared_with_local_authority=True)
        .exclude(status=Case.Status.CLOSED)
    )


def with_last_activity(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`last_activity`: the date of the latest activity, else the opening date."""
    latest = Activity.objects.filter(case=OuterRef("pk")).values("case").annotate(latest=Max("date")).values("latest")
    return cases.annotate(last_activity=Coalesce(Subquery(latest, output_field=DateField()), "opened_on"))


def stale(cases: QuerySet[Case] | None = None, *, today: date | None = None) -> QuerySet[Case]:
    """Open cases without an activity (or, without any, opened) in the last 30 days."""
    today = today or timezone.localdate()
    open_cases = (Case.objects.all() if cases is None else cases).exclude(status=Case.Status.CLOSED)
    return with_last_activity(open_cases).filter(Q(last_activity__lt=today - timedelta(days=STALE_AFTER_DAYS)))
