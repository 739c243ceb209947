"""Where a figure's numbers come from: since when its records exist, and whether they include synthetic ones.

An answer says "niet geregistreerd vóór …" for a period before the first record instead of a
zero, and a footnote where the records counted include synthetic demo data (`is_synthetic`,
set by whoever loads such data). One query each, whatever the data size.
"""

from datetime import date

from django.db.models import Min, Q

from cases.models import Case, PayerLine, Referral
from partnerships.models import Agreement, Outreach
from reports.models import Funding
from reports.params import Params
from trainings.models import TrainingSession

OCMW_PARTIES = (Agreement.Party.OCMW, Agreement.Party.BOTH)


def _years(params: Params) -> tuple[date, date]:
    return date(params.start_year, 1, 1), date(params.end_year, 12, 31)


def first_agreement() -> date | None:
    return Agreement.objects.aggregate(first=Min("start_date"))["first"]


def first_ocmw_per_case() -> date | None:
    per_case = Agreement.objects.filter(form=Agreement.Form.PER_CASE, party__in=OCMW_PARTIES)
    return per_case.aggregate(first=Min("start_date"))["first"]


def first_outreach() -> date | None:
    return Outreach.objects.aggregate(first=Min("sent_on"))["first"]


def first_session() -> date | None:
    return TrainingSession.objects.aggregate(first=Min("date"))["first"]


def first_session_with_modules() -> date | None:
    """Modules were not recorded for the historic sessions (seed 002, answer 3)."""
    return TrainingSession.objects.filter(modules__isnull=False).aggregate(first=Min("date"))["first"]


def first_referral() -> date | None:
    """Referrals were not recorded systematically before the portal (seed 002, answer 4)."""
    return Referral.objects.aggregate(first=Min("referred_on"))["first"]


def first_funding() -> date | None:
    year = Funding.objects.aggregate(first=Min("year"))["first"]
    return date(year, 1, 1) if year else None


def first_case() -> date | None:
    return Case.objects.aggregate(first=Min("opened_on"))["first"]


def synthetic_agreements_on(params: Params) -> bool:
    return Agreement.objects.in_force_on(params.on).filter(is_synthetic=True).exists()


def synthetic_subscriptions_on(params: Params) -> bool:
    in_force = Agreement.objects.in_force_on(params.on).filter(form__in=Agreement.SUBSCRIPTION_FORMS)
    return in_force.filter(is_synthetic=True).exists()


def synthetic_outreach_on(params: Params) -> bool:
    return Outreach.objects.filter(sent_on__lte=params.on, is_synthetic=True).exists()


def synthetic_status_on(params: Params) -> bool:
    """Who does not cooperate follows from the agreements in force and where the offers stood."""
    return synthetic_agreements_on(params) or synthetic_outreach_on(params)


def synthetic_first_use(params: Params) -> bool:
    start, end = _years(params)
    per_case = Agreement.objects.filter(form=Agreement.Form.PER_CASE, party__in=OCMW_PARTIES, start_date__range=(start, end))
    return per_case.filter(is_synthetic=True).exists()


def synthetic_funding(params: Params) -> bool:
    return Funding.objects.filter(year__range=(params.start_year, params.end_year), is_synthetic=True).exists()


def synthetic_sessions(params: Params) -> bool:
    return TrainingSession.objects.filter(date__range=_years(params), is_synthetic=True).exists()


def synthetic_referrals(params: Params) -> bool:
    return Referral.objects.filter(referred_on__range=_years(params), case__is_synthetic=True).exists()


def synthetic_cases(params: Params) -> bool:
    return Case.objects.filter(opened_on__range=_years(params), is_synthetic=True).exists()


def synthetic_revenue(params: Params) -> bool:
    start, end = _years(params)
    agreements = Agreement.objects.filter(start_date__lte=end).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    payments = PayerLine.objects.filter(paid_on__range=(start, end), case__is_synthetic=True)
    return agreements.filter(is_synthetic=True).exists() or payments.exists()
