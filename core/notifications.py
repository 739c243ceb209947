"""E-mail notifications: kinds a person can switch off, sent after the commit, never the same message twice.

Each app registers the kinds of its own events (`register`, in its `notifications` module) and the
reminders the daily command `send_reminders` runs (`reminder`); its services call `notify`. `notify`
waits for the transaction to commit, so a change that is rolled back tells nobody. The log
(`SentNotification`, unique per message key and address, in the database) lets a message reach an
address once, however often a reminder runs or an event repeats. Each e-mail is written in the
recipient's language (`User.language`, chosen on the "Meldingen" page; Dutch unless they chose English).
An address with no account behind it (a training's participant) is sent to with `notify_address` and
`deliver_to_address`: no switch applies, the e-mail is in Dutch, and the log keeps it to once all the same.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.models import NotificationPreference, SentNotification, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    """One kind of e-mail: `code` names its templates (notifications/<code>_subject.txt, _body.txt) and its
    preference; `applies_to` says whom the settings page offers it to; `settings_page` (a URL name) is where
    its footer sends the reader to switch it off."""

    code: str
    label: str | Promise
    applies_to: Callable[[Any], bool]
    settings_page: str = "notifications"


KINDS: dict[str, Kind] = {}
REMINDERS: list[Callable[..., int]] = []


def register(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


def reminder(send: Callable[..., int]) -> Callable[..., int]:
    """A function `send(*, today) -> int` that the daily command runs; it sends through `deliver`, whose log dedupes."""
    REMINDERS.append(send)
    return send


def kinds_for(user) -> list[Kind]:
    return [kind for kind in KINDS.values() if kind.applies_to(user)]


def enabled_kinds(user) -> set[str]:
    switched_off = set(NotificationPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    return {kind.code for kind in kinds_for(user)} - switched_off


@transaction.atomic
def save_preferences(*, user, enabled: set[str], language: str) -> None:
    """Store the person's choice for every kind that applies to them (unknown codes are ignored) and their e-mails' language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Kies een taal uit de lijst."))
    user.language = language
    user.save(update_fields=["language"])
    for kind in kinds_for(user):
        NotificationPreference.objects.update_or_create(user=user, kind=kind.code, defaults={"enabled": kind.code in enabled})


def wanting(kind: Kind, users: QuerySet[User]) -> QuerySet[User]:
    """The active people with an address among `users` who did not switch this kind off."""
    switched_off = NotificationPreference.objects.filter(kind=kind.code, enabled=False).values("user")
    return users.filter(is_active=True).exclude(email="").exclude(pk__in=switched_off).distinct()


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def notify(kind: Kind, *, recipients: QuerySet[User], about: Model, key: str, path: str, context: dict) -> None:
    """E-mail `recipients` about the page at `path` once the current transaction commits (at once outside one).

    `key` names the message within its kind: an address gets each (kind, key) once; `about` is the record it
    concerns, for the log. The recipients are read after the commit, so they see what the transaction wrote.
    """
    transaction.on_commit(
        lambda: deliver(kind, recipients=recipients, about=about, key=key, path=path, context=context), robust=True
    )


def deliver(kind: Kind, *, recipients: QuerySet[User], about: Model, key: str, path: str, context: dict) -> int:
    """Send now to each recipient who wants it and has not had it; returns how many were sent.

    Reminders call it directly: they follow no write, so there is no commit to wait for."""
    key = f"{kind.code}:{key}"
    context = {**context, "link": absolute(path), "settings_link": absolute(reverse(kind.settings_page))}
    return sum(
        _send_once(
            kind,
            email=user.email,
            user=user,
            about=about,
            key=key,
            template=kind.code,
            language=user.language,
            context={**context, "recipient": user},
        )
        for user in wanting(kind, recipients)
    )


def notify_address(kind: Kind, *, email: str, about: Model, key: str, template: str, context: dict) -> None:
    """`notify` for an address without an account: sent once the current transaction commits."""
    transaction.on_commit(
        lambda: deliver_to_address(kind, email=email, about=about, key=key, template=template, context=context), robust=True
    )


def deliver_to_address(kind: Kind, *, email: str, about: Model, key: str, template: str, context: dict) -> int:
    """Send now to an address without an account, in templates of its own (`template`, as a kind's code names
    them): it has no page to link to and no switch. Logged as `kind` with `key`, like `deliver`, so an address
    gets the message once, whether as a person's or as an address's."""
    key = f"{kind.code}:{key}"
    sent = _send_once(kind, email=email, user=None, about=about, key=key, template=template, language="", context=context)
    return int(sent)


def _send_once(
    kind: Kind, *, email: str, user: User | None, about: Model, key: str, template: str, language: str, context: dict
) -> bool:
    """Log, then send, in one transaction: a failed send leaves no log row, so the next run tries again."""
    if SentNotification.objects.filter(key=key, email__iexact=email).exists():
        return False
    try:
        with transaction.atomic():
            SentNotification.objects.create(kind=kind.code, key=key, email=email, user=user, about=about)
            with translation.override(language or settings.LANGUAGE_CODE):
                subject = " ".join(render_to_string(f"notifications/{template}_subject.txt", context).split())
                body = render_to_string(f"notifications/{template}_body.txt", context)
            send_mail(subject, body, None, [email])
    except IntegrityError:
        return False  # a concurrent run logged it first
    except Exception:
        logger.exception("Notification %s to %s failed", key, email)
        return False
    return True


def send_reminders(*, today: date) -> int:
    """Run every registered reminder; returns how many e-mails were sent."""
    return sum(send(today=today) for send in REMINDERS)
