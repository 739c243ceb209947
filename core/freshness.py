"""Cache what is expensive to compute per data generation of the apps it reads, so nothing cached outlives a change.

Each tracked app has its own generation (`DataGeneration`, a row per app label). Saving or
deleting a record raises the generation of its app once the transaction commits, so a change
in cases leaves the cached trainings pages alone. Writes that send no signals (`bulk_create`,
`QuerySet.update`) call `data_changed(app_label, ...)`. Saves that only keep bookkeeping no
page shows (the `last_login` of a sign-in, an authenticator's counters) raise nothing: signing
in must not empty the cache.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.db.transaction import on_commit
from django.utils import timezone, translation

from core.models import DataGeneration

USER_APPS = frozenset({"auth", settings.AUTH_USER_MODEL.partition(".")[0]})  # users, their groups and permissions
REPORT_APPS = frozenset({"partnerships", "cases", "trainings", "reports"})  # what figures and answers read
TRACKED_APPS = REPORT_APPS | USER_APPS | {"otp_totp"}
UNTRACKED_MODELS = {
    "cases.accesslog",  # grows with every page view and feeds no cached page
    DataGeneration._meta.label_lower,  # raising a generation is no change of data
    "core.taskfailure",  # the queue's bookkeeping (core.tasks), which no cached page shows
    "core.dailyrun",
    "reports.pdfjob",  # a document being made is keyed by the generations: its own saves must not change them
}
BOOKKEEPING_FIELDS = {  # fields that change on sign-in and that no cached page shows
    settings.AUTH_USER_MODEL.lower(): frozenset({"last_login"}),
    "otp_totp.totpdevice": frozenset(
        {"last_t", "drift", "throttling_failure_count", "throttling_failure_timestamp", "last_used_at"}
    ),
}
ONLY_BOOKKEEPING = "_freshness_only_bookkeeping"
CACHE_SECONDS = 600  # a safety net for writes made outside the ORM (psql); a restore clears the cache
DOCUMENT_SECONDS = 3600  # PDFs take seconds to render, so their safety net is longer
MISSING = object()


def current_generations() -> dict[str, int]:
    """Every app's generation in one small query, asked once per cached request, so it skips the ORM's query building."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app_label, value FROM {DataGeneration._meta.db_table}")
        return dict(cursor.fetchall())


def generations_of(request) -> dict[str, int]:
    """The generations as this request first read them: one query per request, whoever asks."""
    if not hasattr(request, "data_generations"):
        request.data_generations = current_generations()
    return request.data_generations


def data_changed(*app_labels: str, using: str | None = None) -> None:
    """Raise the generations of these apps when the current transaction commits (at once outside one)."""
    _check_tracked(app_labels)
    on_commit(lambda: _raise_generations(set(app_labels)), using=using)


def _check_tracked(app_labels: Iterable[str]) -> None:
    """A misspelt or missing app label would leave cached pages stale without a sign: refuse it."""
    untracked = set(app_labels) - TRACKED_APPS
    if not app_labels or untracked:
        raise ValueError(f"Name tracked apps ({', '.join(sorted(TRACKED_APPS))}), not {sorted(untracked)}.")


def _raise_generations(app_labels: set[str]) -> None:
    for app_label in app_labels:
        if not DataGeneration.objects.filter(app_label=app_label).update(value=F("value") + 1):
            # The app's first change: create its row (another worker may just have) and raise it.
            DataGeneration.objects.bulk_create([DataGeneration(app_label=app_label)], ignore_conflicts=True)
            DataGeneration.objects.filter(app_label=app_label).update(value=F("value") + 1)


def cached(request, *key, compute: Callable, apps: Iterable[str] = TRACKED_APPS, seconds: int = CACHE_SECONDS):
    """`compute()`, or its cached value for the generations of `apps`, the language, the day and key.

    `apps` are the apps whose records the value reads. The generations are read once per
    request. The day is in the key because pages default to today's date.
    """
    apps = sorted(apps)
    _check_tracked(apps)
    generations = ",".join(f"{app}={generations_of(request).get(app, 0)}" for app in apps)
    described = ":".join(str(part) for part in (generations, translation.get_language(), timezone.localdate(), *key))
    full_key = "fresh:" + hashlib.sha256(described.encode()).hexdigest()
    value = cache.get(full_key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(full_key, value, seconds)
    return value


def cached_document(request, *key, apps: Iterable[str], render: Callable[[], bytes]) -> bytes:
    """A rendered download (a PDF), cached like a page but kept longer: it costs seconds to render."""
    return cached(request, "document", *key, compute=render, apps=apps, seconds=DOCUMENT_SECONDS)


def is_tracked(model) -> bool:
    """A record of the portal's, not an audit record nor a migration's stand-in for a model."""
    meta = model._meta
    return (
        meta.apps is global_apps
        and meta.app_label in TRACKED_APPS
        and meta.label_lower not in UNTRACKED_MODELS
        and not meta.model_name.startswith("historical")
    )


def _note_bookkeeping(sender, instance, update_fields, using, **kwargs):
    """A save without `update_fields` (django-otp's device saves) does not say what it changed:
    compare with the stored row, so that only bookkeeping changes are known to be harmless."""
    bookkeeping = BOOKKEEPING_FIELDS[sender._meta.label_lower]
    if update_fields is not None or instance._state.adding:
        return
    shown = [field.attname for field in sender._meta.concrete_fields if field.name not in bookkeeping]
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*shown).first()
    setattr(instance, ONLY_BOOKKEEPING, stored is not None and all(stored[name] == getattr(instance, name) for name in shown))


def _record_saved(sender, instance, created, update_fields, using, **kwargs):
    bookkeeping = BOOKKEEPING_FIELDS.get(sender._meta.label_lower, frozenset())
    only_bookkeeping = instance.__dict__.pop(ONLY_BOOKKEEPING, False) or bool(update_fields and update_fields <= bookkeeping)
    if is_tracked(sender) and (created or not only_bookkeeping):
        data_changed(sender._meta.app_label, using=using)


def _record_deleted(sender, using, **kwargs):
    if is_tracked(sender):
        data_changed(sender._meta.app_label, using=using)


def _record_related(sender, action, using, **kwargs):
    if is_tracked(sender) and action.startswith("post_"):
        data_changed(sender._meta.app_label, using=using)


def connect_signals() -> None:
    post_save.connect(_record_saved, dispatch_uid="core.freshness.saved")
    post_delete.connect(_record_deleted, dispatch_uid="core.freshness.deleted")
    m2m_changed.connect(_record_related, dispatch_uid="core.freshness.related")
    for label in BOOKKEEPING_FIELDS:
        pre_save.connect(_note_bookkeeping, sender=label, dispatch_uid=f"core.freshness.bookkeeping.{label}")
