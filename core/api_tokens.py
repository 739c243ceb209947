"""API tokens end with what they stand for: a new password or a deactivated account revokes them.

A token is a password that never expires, so it must not outlive a password change (a leaked
password is changed to shut the intruder out) or the account (reactivating it must not revive
old tokens). A hash upgrade at sign-in is no change of password and keeps them.
"""

from django.conf import settings
from django.db.models.signals import pre_save
from rest_framework.authtoken.models import Token

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
        Token.objects.filter(user=instance).delete()


def connect_signals() -> None:
    pre_save.connect(revoke_api_tokens, sender=settings.AUTH_USER_MODEL, dispatch_uid="core.revoke_api_tokens")
