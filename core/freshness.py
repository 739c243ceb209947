"""Cache what is expensive to compute per data generation, so nothing cached outlives a change.

Saving or deleting any record of the portal's apps (and of users and their
authenticator devices) raises the generation once the transaction commits. Writes
that send no signals (`bulk_create`, `QuerySet.update`) call `data_changed()`.
"""

import hashlib

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import on_commit
from django.utils import timezone, translation

from core.models import DataGeneration

TRACKED_APPS = {"partnerships", "cases", "trainings", "reports", "auth", "otp_totp"}
UNTRACKED_MODELS = {"cases.accesslog"}  # the access log grows with every page view and feeds no cached page
CACHE_SECONDS = 600  # a safety net for writes made outside the ORM (psql, a restore)
MISSING = object()


def current_generation() -> int:
    """Asked once per cached request, so it skips the ORM's query building."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {DataGeneration._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def data_changed(*, using: str | None = None) -> None:
    """Raise the generation when the current transaction commits (at once outside one)."""
    on_commit(_raise_generation, using=using)


def _raise_generation() -> None:
    if not DataGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        DataGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def cached(request, *key, compute):
    """`compute()`, or its cached value for this data generation, language, day and key.

    The generation is read once per request. The day is in the key because pages default
    to today's date.
    """
    if not hasattr(request, "data_generation"):
        request.data_generation = current_generation()
    described = ":".join(str(part) for part in (request.data_generation, translation.get_language(), timezone.localdate(), *key))
    full_key = "fresh:" + hashlib.sha256(described.encode()).hexdigest()
    value = cache.get(full_key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(full_key, value, CACHE_SECONDS)
    return value


def is_tracked(model) -> bool:
    """A record of the portal's, not an audit record nor a migration's stand-in for a model."""
    meta = model._meta
    return (
        meta.apps is global_apps
        and meta.app_label in TRACKED_APPS
        and meta.label_lower not in UNTRACKED_MODELS
        and not meta.model_name.startswith("historical")
    )


def _record_changed(sender, using, action="post_", **kwargs):
    if is_tracked(sender) and action.startswith("post_"):
        data_changed(using=using)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"core.freshness.{signal}")
