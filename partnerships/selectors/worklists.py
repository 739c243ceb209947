"""The coordinator's worklists on the staff home. Each takes the records to narrow (the admin's
changelist passes its own), so the home's count and the list behind its link are the same query."""

from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from partnerships.models import Agreement, Outreach

ENDING_WITHIN_DAYS = 60
ENDED_WITHIN_DAYS = 365
OPEN_OUTREACH = (Outreach.Status.NO_ANSWER, Outreach.Status.NEGOTIATING)


def ending_soon(agreements: QuerySet[Agreement] | None = None, *, today: date | None = None) -> QuerySet[Agreement]:
    """Agreements whose last day falls today or within the next 60 days."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.all() if agreements is None else agreements
    return agreements.filter(end_date__range=(today, today + timedelta(days=ENDING_WITHIN_DAYS)))


def ended_without_successor(agreements: QuerySet[Agreement] | None = None, *, today: date | None = None) -> QuerySet[Agreement]:
    """Agreements ended in the past year after which the municipality has no later agreement, with whichever party."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.all() if agreements is None else agreements
    later = Agreement.objects.filter(municipality=OuterRef("municipality"), start_date__gt=OuterRef("start_date"))
    return agreements.filter(end_date__range=(today - timedelta(days=ENDED_WITHIN_DAYS), today - timedelta(days=1))).exclude(
        Exists(later)
    )


def follow_up_due(offers: QuerySet[Outreach] | None = None, *, today: date | None = None) -> QuerySet[Outreach]:
    """Offers still unanswered or in negotiation whose follow-up day has passed with no status recorded since."""
    today = today or timezone.localdate()
    offers = Outreach.objects.all() if offers is None else offers
    return offers.filter(
        Q(status_date__isnull=True) | Q(status_date__lt=F("follow_up_on")), status__in=OPEN_OUTREACH, follow_up_on__lt=today
    )
