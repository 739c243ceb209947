"""A new phone without anybody's help (issue 14, item 2): signed in with the old app or a backup
code, a person sets up the new app, whose first code retires the old one."""

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.test_security import log_in

pytestmark = pytest.mark.django_db


def code_of_the_new_app(client) -> str:
    """Read the key from the set-up page, as the new phone's app would from the QR code."""
    page = client.get(reverse("replace_authenticator")).content.decode()
    secret = re.findall(r'<code class="secret">([A-Z2-7=]+)</code>', page)[0]
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def test_the_new_app_s_first_code_replaces_the_old_app(coordinator_client, coordinator):
    old = TOTPDevice.objects.get(user=coordinator)

    coordinator_client.post(reverse("replace_authenticator"), {"token": code_of_the_new_app(coordinator_client)})

    devices = TOTPDevice.objects.filter(user=coordinator)
    assert [(device.confirmed, device.pk == old.pk) for device in devices] == [(True, False)]


def test_a_wrong_code_keeps_the_old_app(coordinator_client, coordinator):
    old = TOTPDevice.objects.get(user=coordinator)
    code_of_the_new_app(coordinator_client)

    response = coordinator_client.post(reverse("replace_authenticator"), {"token": "000000"})

    assert response.status_code == 200 and TOTPDevice.objects.get(user=coordinator, confirmed=True) == old


def test_with_the_password_alone_no_app_is_replaced(coordinator):
    old = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    password_only = Client()
    log_in(password_only, coordinator)

    response = password_only.post(reverse("replace_authenticator"), {"token": "123456"})

    assert response.status_code == 302 and list(TOTPDevice.objects.filter(user=coordinator)) == [old]
