"""The second sign-in step: set up an authenticator app once, then give its code at each sign-in,
or one of the backup codes (`core.backup_codes`) when the phone is not at hand."""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.backup_codes import looks_like_a_backup_code, verify_backup_code

PENDING_KEY_SESSION_KEY = "two_factor_pending_key"


class TokenForm(forms.Form):
    """Six digits from the app; once the app is set up, a backup code is accepted instead."""

    token = forms.CharField(
        label=_("Code uit uw authenticator-app of een reservecode"),
        max_length=20,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, device: TOTPDevice, accept_backup_codes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.accept_backup_codes = accept_backup_codes
        if not accept_backup_codes:
            self.fields["token"].label = _("Code uit uw authenticator-app")
        self.verified_device = None

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if self.accept_backup_codes and looks_like_a_backup_code(token):
            self.verified_device = verify_backup_code(user=self.device.user, entry=token)
            if self.verified_device is None:
                raise forms.ValidationError(_("Deze reservecode klopt niet of werd al gebruikt."))
        elif self.device.verify_token(token):
            self.verified_device = self.device
        else:
            raise forms.ValidationError(_("Deze code klopt niet of is verlopen. Probeer de volgende code."))
        return token


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data URI: an <img> source that the Content Security Policy allows."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def pending_device(request) -> TOTPDevice:
    """The app being set up: the device an earlier attempt stored, or an unsaved one whose key waits
    in the session, so that opening the page stores nothing; django-otp saves it on the first code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is not None:
        return device
    key = request.session.setdefault(PENDING_KEY_SESSION_KEY, random_hex(20))
    return TOTPDevice(user=request.user, name=str(_("Authenticator-app")), key=key, confirmed=False)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "home"


@login_required
def two_factor(request):
    if request.user.is_verified():
        return render(request, "registration/two_factor_active.html")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = pending_device(request)
    form = TokenForm(request.POST or None, device=device, accept_backup_codes=not setting_up)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(PENDING_KEY_SESSION_KEY, None)
        otp_login(request, form.verified_device)
        return redirect(_next_url(request))
    context = {"form": form, "setting_up": setting_up, "next": request.GET.get("next", "")}
    if setting_up:
        context["qr_code"] = qr_code_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "registration/two_factor.html", context)


@login_required
def replace_authenticator(request):
    """A new phone, set up by its owner after signing in with the old app or a backup code: the new
    app's first code confirms it and only then are the old apps removed, so there is never a moment
    without a second step."""
    if not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), login_url=reverse("two_factor"))
    device = pending_device(request)
    form = TokenForm(request.POST or None, device=device, accept_backup_codes=False)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        request.session.pop(PENDING_KEY_SESSION_KEY, None)
        otp_login(request, device)
        messages.success(request, _("Uw nieuwe authenticator-app is ingesteld; de vorige werkt niet meer."))
        return redirect("two_factor")
    context = {
        "form": form,
        "setting_up": True,
        "replacing": True,
        "qr_code": qr_code_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "registration/two_factor.html", context)
