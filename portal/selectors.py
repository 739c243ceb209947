"""A partner's yearly summary: what Dyzo did with and for their organisation in one year."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from cases.models import Case, Referral
from cases.selectors import suppressed
from partnerships.models import Agreement
from trainings.models import Registration


def prorated_fee(agreement: Agreement, year: int) -> Decimal:
    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = max(agreement.start_date, first), min(agreement.end_date or last, last)
    if agreement.annual_fee is None or start > end:
        return Decimal(0)
    return (agreement.annual_fee * ((end - start).days + 1) / ((last - first).days + 1)).quantize(Decimal("0.01"))


def organisation_year(*, user, year: int) -> dict:
    cases = Case.objects.visible_to(user).filter(opened_on__year=year)
    counts = cases.aggregate(total=Count("pk"), closed=Count("pk", filter=Q(status=Case.Status.CLOSED)))
    referrals = Referral.objects.filter(case__in=Case.objects.visible_to(user), referred_on__year=year).count()
    attended = Registration.objects.visible_to(user).filter(attended=True, session__date__year=year)
    training = attended.aggregate(people=Count("pk"), sessions=Count("session", distinct=True))
    agreements = (
        Agreement.objects.visible_to(user)
        .filter(start_date__lte=date(year, 12, 31))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .select_related("municipality")
    )
    fees = [(agreement, prorated_fee(agreement, year)) for agreement in agreements]
    return {
        "cases": suppressed(counts["total"]),
        "closed": suppressed(counts["closed"]),
        "referrals": suppressed(referrals),
        "training_people": training["people"],
        "training_sessions": training["sessions"],
        "agreements": fees,
        "fees_total": sum((fee for _agreement, fee in fees), Decimal(0)),
    }
