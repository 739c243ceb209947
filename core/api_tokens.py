"""API tokens (django-rest-knox): issued to their owner only, shown once, stored as a hash, valid
for API_TOKEN_DAYS, and ended by what they stand for.

A token is a password for the API, so it must not outlive a password change (a leaked password
is changed to shut the intruder out) or the account (reactivating it must not revive old tokens).
A hash upgrade at sign-in is no change of password and keeps them.
"""

import re

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import pre_save
from django.utils import timezone
from knox.models import AuthToken

REVOKING_FIELDS = {"password", "is_active"}


def revoke_api_tokens(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Delete the user's tokens when this save sets a new password or deactivates the account."""
    if raw or instance.pk is None or (update_fields is not None and not REVOKING_FIELDS & set(update_fields)):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    # set_password() leaves the raw password in `_password` until the save; a hash upgrade clears it first.
    new_password = instance.password != stored["password"] and (
        instance._password is not None or not instance.has_usable_password()
    )
    deactivated = stored["is_active"] and not instance.is_active
    if new_password or deactivated:
        AuthToken.objects.filter(user=instance).delete()


def connect_signals() -> None:
    pre_save.connect(revoke_api_tokens, sender=settings.AUTH_USER_MODEL, dispatch_uid="core.revoke_api_tokens")


def tokens_of(user):
    """The owner's tokens still in force, newest first."""
    return AuthToken.objects.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()), user=user).order_by("-created")


def issue_token(*, user) -> tuple[AuthToken, str]:
    """A new token for its owner: the stored row (a hash) and the clear token, to be shown once."""
    return AuthToken.objects.create(user=user)


def revoke_token(*, user, digest: str) -> bool:
    """Revoke one of the owner's own tokens; another person's token is left alone. A digest is hex
    (knox's SHA-512): anything else names no token, and never reaches the database (PostgreSQL
    refuses a NUL character with an error)."""
    if not re.fullmatch(r"[0-9a-f]{1,128}", digest):
        return False
    deleted, _ = AuthToken.objects.filter(user=user, digest=digest).delete()
    return bool(deleted)
