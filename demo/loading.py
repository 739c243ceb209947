"""Demo data for `make run`: the real records of the source documents plus a seeded synthetic continuation.

Every synthetic record is marked `is_synthetic`. The continuation runs up to the day of loading, so
the current year and the coming months are never empty; the seed makes every load of one day
identical, and the years up to 2018, which reproduce the published figures, identical on every day.
"""

import random
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.models import Case, Entrepreneur
from core.freshness import data_changed
from demo import cases, funding, partnerships, trainings
from demo.accounts import create_demo_accounts
from partnerships.models import Agreement, Municipality, Outreach
from partnerships.reference_data import load_reference_data
from reports.models import Funding
from trainings.models import TrainingSession

SEED = 2018


def demo_data_present() -> bool:
    return Agreement.objects.filter(is_synthetic=True).exists()


@transaction.atomic
def load_demo_data(*, reset: bool = False, today: date | None = None) -> dict:
    """Load the demo records unless they are there already (`reset` replaces them), continued up to `today`."""
    today = today or timezone.localdate()
    if not Municipality.objects.exists():
        load_reference_data()
    summary: dict[str, Any] = {"created": False}
    if reset:
        Outreach.objects.all().delete()
        Agreement.objects.all().delete()
        TrainingSession.objects.all().delete()
        Case.objects.all().delete()
        Entrepreneur.objects.all().delete()
        Funding.objects.filter(is_synthetic=True).delete()
    if not demo_data_present():
        summary |= partnerships.build(rng=random.Random(SEED), today=today) | {"created": True}
    if not TrainingSession.objects.exists():
        summary |= trainings.build(rng=random.Random(SEED), today=today) | {"created": True}
    if not Case.objects.exists():
        summary |= cases.build(rng=random.Random(SEED), today=today) | {"created": True}
    summary |= funding.build(last_year=today.year)
    trainings.ensure_open_session(today=today)
    partnerships.ensure_upcoming_consultation_days(today=today)
    summary["logins"] = create_demo_accounts()
    data_changed("partnerships", "trainings", "cases")  # the demo builders write in bulk, which sends no signals
    return summary
