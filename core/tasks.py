"""Background tasks on Django's Tasks API (django-tasks now, `django.tasks` from Django 6): retries and the daily schedule.

django-tasks runs a task once. `retried_task` makes a task that, when an attempt raises, records the
failure (`TaskFailure`, listed in the admin) and enqueues the next attempt after a growing delay, up to
`attempts`; after the last one `on_failure` runs (say, to mark a document as failed). An attempt may have
done part of its work before it raised, so every task must be idempotent. `daily_task` also puts the task
in the day's schedule, which `manage.py enqueue_daily_tasks` enqueues once a day.
"""

import functools
import logging
import traceback
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.transaction import on_commit
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from core.models import DailyRun, TaskFailure

logger = logging.getLogger("core.tasks")

ATTEMPTS = 3
RETRY_DELAY = timedelta(seconds=30)  # the first retry's; each next one waits as many times longer as attempts made
DAILY: dict[str, Task] = {}


def retried_task(
    *, attempts: int = ATTEMPTS, delay: timedelta = RETRY_DELAY, on_failure: Callable[..., None] | None = None
) -> Callable[[Callable[..., Any]], Task]:
    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                final = attempt >= attempts
                TaskFailure.objects.create(
                    task=registered.module_path,
                    arguments={"args": list(args), "kwargs": kwargs},
                    attempt=attempt,
                    final=final,
                    error="".join(traceback.format_exception(error)),
                )
                if final:
                    logger.error("task %s failed for good after %d attempts", registered.module_path, attempt)
                    if on_failure is not None:
                        on_failure(*args, **kwargs)
                else:
                    _enqueue_again(registered, args, kwargs, attempt=attempt + 1, after=delay * attempt)
                raise

        registered = task(run)
        return registered

    return decorate


def _enqueue_again(registered: Task, args: tuple, kwargs: dict, *, attempt: int, after: timedelta) -> None:
    """The next attempt, later where the backend can defer (the database, Redis); at once where it cannot (tests)."""
    again = registered.using(run_after=timezone.now() + after) if registered.get_backend().supports_defer else registered
    again.enqueue(*args, attempt=attempt, **kwargs)


def daily_task(func: Callable[..., Any]) -> Task:
    """A retried task `func(day: str)` that runs once a day (the day as YYYY-MM-DD); it must be idempotent."""
    registered = retried_task()(func)
    DAILY[registered.module_path] = registered
    return registered


def enqueue_after_commit(registered: Task, *args, **kwargs) -> None:
    """Enqueue once the transaction commits, so no worker looks for records a rollback undid."""
    on_commit(lambda: registered.enqueue(*args, **kwargs))


def enqueue_daily_tasks(*, day: date) -> list[str]:
    """Enqueue the day's scheduled tasks that were not enqueued yet that day; their names."""
    enqueued = []
    for name, registered in sorted(DAILY.items()):
        with transaction.atomic():
            _run, created = DailyRun.objects.get_or_create(task=name, day=day)
            if created:
                registered.enqueue(day=day.isoformat())
                enqueued.append(name)
    return enqueued
