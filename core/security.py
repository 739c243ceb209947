"""The sign-in form, who must use two-factor sign-in, the lockout page, and a log line for every (failed) sign-in."""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from core.client_address import client_address

logger = logging.getLogger("core.security")


class SignInForm(AuthenticationForm):
    """Django's sign-in form on the e-mail address: an e-mail keyboard, and an error that does not
    claim the address is case-sensitive (it is not; `core.models.UserManager.get_by_natural_key`)."""

    username = forms.CharField(
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Voer een juist e-mailadres en wachtwoord in. Let op: het wachtwoord is hoofdlettergevoelig."),
    }


def requires_two_factor(user) -> bool:
    """Staff and superusers always; anyone else once they have set up a device."""
    return user.is_staff or user.is_superuser or user_has_device(user, confirmed=True)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once a user name is locked out from an address: a Dutch page, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def logged_address(request) -> str:
    return (client_address(request) or "-") if request is not None else "-"


def sign_in_name(request, credentials) -> str | None:
    """The e-mail address django-axes counts failures against, in one case: "Jan@Gent.be" and
    "jan@gent.be" are the same sign-in, so changing the case does not get round the lockout."""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if username else None


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    logger.info("sign-in user=%s address=%s", user.get_username(), logged_address(request))


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        logger.info("sign-out user=%s address=%s", user.get_username(), logged_address(request))


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    logger.warning("failed sign-in user=%s address=%s", credentials.get("username", "-"), logged_address(request))
