"""The cases' scheduled task: anonymise the closed cases past the retention period (see core.tasks)."""

from datetime import date

from cases.privacy import anonymise_cases, cases_due_for_anonymisation
from core.tasks import daily_task


@daily_task
def anonymise_expired_cases(day: str) -> int:
    """Idempotent: an anonymised case is no longer due. A day with none due changes nothing, so no cached page goes stale."""
    due = cases_due_for_anonymisation(today=date.fromisoformat(day))
    return anonymise_cases(cases=due) if due.exists() else 0
