"""Case figures for the reports: referrals per year and province, counted in the database; small counts hidden."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from cases.models import Referral

SUPPRESSION_THRESHOLD = 5


def suppressed(count: int):
    """In a small municipality a few cases identify a person: under 5 is shown as "<5"."""
    return "<5" if 0 < count < SUPPRESSION_THRESHOLD else count


def referrals_per_year_and_province(*, start_year: int, end_year: int) -> list[dict]:
    """Per year and province of the OCMW the case was referred to."""
    return list(
        Referral.objects.filter(referred_on__year__gte=start_year, referred_on__year__lte=end_year)
        .annotate(year=ExtractYear("referred_on"))
        .values("year", "ocmw__municipality__province__name_nl")
        .annotate(referrals=Count("pk"))
        .order_by("year", "ocmw__municipality__province__name_nl")
    )
