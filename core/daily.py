"""Core's scheduled tasks: the day's reminders and the removal of expired API tokens (see core.tasks)."""

from datetime import date

from django.utils import timezone
from knox.models import AuthToken

from core.notifications import send_reminders
from core.tasks import daily_task


@daily_task
def send_daily_reminders(day: str) -> int:
    """The reminders of the day (sessions in 7 days, agreements ending within 60 days); the log sends nothing twice."""
    return send_reminders(today=date.fromisoformat(day))


@daily_task
def remove_expired_api_tokens(day: str) -> int:
    """knox refuses an expired token already; this removes it from the list, so only tokens in force remain."""
    deleted, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
