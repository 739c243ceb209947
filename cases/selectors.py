"""Case figures for the reports: referrals and payments per year, counted in the database."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from cases.models import Case, PayerLine, Referral

SUPPRESSION_THRESHOLD = 5


def suppressed(count: int):
    """In a small municipality a few cases identify a person: under 5 is shown as "<5"."""
    return "<5" if 0 < count < SUPPRESSION_THRESHOLD else count


def referrals_per_year(*, start_year: int, end_year: int) -> list[dict]:
    return list(
        Referral.objects.filter(referred_on__year__gte=start_year, referred_on__year__lte=end_year)
        .annotate(year=ExtractYear("referred_on"))
        .values("year")
        .annotate(referrals=Count("pk"))
        .order_by("year")
    )


def referrals_per_year_and_province(*, start_year: int, end_year: int) -> list[dict]:
    """Per year and province of the OCMW the case was referred to."""
    return list(
        Referral.objects.filter(referred_on__year__gte=start_year, referred_on__year__lte=end_year)
        .annotate(year=ExtractYear("referred_on"))
        .values("year", "ocmw__municipality__province__name_nl")
        .annotate(referrals=Count("pk"))
        .order_by("year", "ocmw__municipality__province__name_nl")
    )


def payer_totals_per_year(*, start_year: int, end_year: int) -> list[dict]:
    """What each payer paid per year, summed in euro."""
    return list(
        PayerLine.objects.filter(paid_on__year__gte=start_year, paid_on__year__lte=end_year)
        .annotate(year=ExtractYear("paid_on"))
        .values("year", "payer")
        .annotate(total=Sum("amount"))
        .order_by("year", "payer")
    )


def cases_per_year(*, start_year: int, end_year: int) -> list[dict]:
    return list(
        Case.objects.filter(opened_on__year__gte=start_year, opened_on__year__lte=end_year)
        .annotate(year=ExtractYear("opened_on"))
        .values("year")
        .annotate(cases=Count("pk"))
        .order_by("year")
    )
