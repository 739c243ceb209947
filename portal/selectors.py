"""A partner's yearly summary: what Dyzo did with and for their organisation in one year."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from cases.models import Case, Referral
from cases.selectors import suppressed
from partnerships.models import Agreement, Organisation
from partnerships.selectors import agreements_covering
from trainings.models import Registration


def prorated_fee(agreement: Agreement, year: int) -> Decimal:
    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = max(agreement.start_date, first), min(agreement.end_date or last, last)
    if agreement.annual_fee is None or start > end:
        return Decimal(0)
    return (agreement.annual_fee * ((end - start).days + 1) / ((last - first).days + 1)).quantize(Decimal("0.01"))


def agreements_worked_under(user):
    """The agreements the partner's organisations work under, whichever party holds them (the
    status rule's), each with `own` set when it binds one of the partner's organisations."""
    own = Agreement.objects.visible_to(user).filter(pk=OuterRef("pk"))
    municipalities = Organisation.objects.of_partner(user).values("municipality")
    return (
        agreements_covering(municipalities=municipalities)
        .annotate(own=Exists(own))
        .select_related("municipality")
        .order_by("-start_date", "pk")
    )


def organisation_year(*, user, year: int) -> dict:
    cases = Case.objects.visible_to(user).filter(opened_on__year=year)
    counts = cases.aggregate(total=Count("pk"), closed=Count("pk", filter=Q(status=Case.Status.CLOSED)))
    referrals = Referral.objects.filter(case__in=Case.objects.visible_to(user), referred_on__year=year).count()
    attended = Registration.objects.visible_to(user).filter(attended=True, session__date__year=year)
    training = attended.aggregate(people=Count("pk"), sessions=Count("session", distinct=True))
    agreements = agreements_worked_under(user).overlapping(start=date(year, 1, 1), end=date(year, 12, 31))
    fees = [(agreement, prorated_fee(agreement, year)) for agreement in agreements]
    return {
        "organisations": list(Organisation.objects.of_partner(user).values_list("name", flat=True)),
        "cases": suppressed(counts["total"]),
        "closed": suppressed(counts["closed"]),
        "referrals": suppressed(referrals),
        "training_people": training["people"],
        "training_sessions": training["sessions"],
        "agreements": fees,
        "fees_total": sum((fee for agreement, fee in fees if agreement.own), Decimal(0)),
    }
