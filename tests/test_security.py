"""Production hardening: deploy checks, headers, sign-in lockout, two-factor sign-in, idle sessions."""

import base64
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.middleware import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]


def log_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.get_username(), "password": password}, **extra)


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_the_deploy_check_passes_with_production_settings():
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}}
    env.update(
        SECRET_KEY="x" * 20 + "production-like-secret-key-for-the-deploy-check-0123456789", ALLOWED_HOSTS="portaal.dyzo.be"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("login"))

    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_https_answers_carry_hsts_and_a_strict_content_security_policy(client):
    response = client.get(reverse("login"), secure=True)

    assert "max-age=31536000" in response["Strict-Transport-Security"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_no_page_template_holds_inline_scripts_or_styles():
    """Only the PDF templates, which WeasyPrint renders on the server, carry a <style>."""
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            text = path.read_text()
            if name == "pdf/base.html" or "pdf/base.html" in text:
                continue
            if "<style" in text or " style=" in text or "<script>" in text:
                offenders.append(name)

    assert offenders == []


def test_short_and_common_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("welkom123")


def test_five_wrong_passwords_lock_the_account_with_a_dutch_message(client, partner_admin):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, partner_admin, "fout-wachtwoord")

    response = log_in(client, partner_admin)

    assert response.status_code == 429
    assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()
    assert "15 minuten" in response.content.decode()


def test_a_wrong_password_says_so_in_dutch_before_the_lockout(client, partner_admin):
    response = log_in(client, partner_admin, "fout-wachtwoord")

    assert response.status_code == 200
    assert "Voer een juist e-mailadres en wachtwoord in" in response.content.decode()


def test_sign_ins_and_failed_sign_ins_are_logged(client, caplog, partner_admin):
    with caplog.at_level(logging.INFO, logger="core.security"):
        log_in(client, partner_admin, "fout-wachtwoord")
        log_in(client, partner_admin)

    assert f"failed sign-in user={partner_admin.get_username()} address=127.0.0.1" in caplog.text
    assert f"sign-in user={partner_admin.get_username()} address=127.0.0.1" in caplog.text


def test_staff_are_asked_for_a_code_after_their_password(client, case_worker):
    response = log_in(client, case_worker, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("two_factor"))
    assert "Tweestapsverificatie" in response.content.decode()


def test_staff_cannot_open_the_admin_before_the_second_step(client, coordinator):
    log_in(client, coordinator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))


def shown_key(page: str) -> bytes:
    """The key the set-up page shows to type into the app."""
    match = re.search(r'<code class="secret">([A-Z2-7=]+)</code>', page)
    assert match, "the set-up page shows no key"
    return base64.b32decode(match[1])


def test_staff_without_an_app_set_one_up_with_a_qr_code(client, coordinator):
    log_in(client, coordinator)
    page = client.get(reverse("two_factor")).content.decode()

    client.post(reverse("two_factor"), {"token": f"{TOTP(shown_key(page)).token():06d}", "next": reverse("admin:index")})

    assert 'src="data:image/svg+xml;base64,' in page
    assert client.get(reverse("admin:index")).status_code == 200
    assert TOTPDevice.objects.get(user=coordinator).confirmed


def test_opening_the_set_up_page_stores_no_device(client, coordinator):
    log_in(client, coordinator)

    keys = [shown_key(client.get(reverse("two_factor")).content.decode()) for _ in range(2)]

    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert keys[0] == keys[1]


def test_a_wrong_first_code_keeps_the_key_that_was_shown(client, coordinator):
    log_in(client, coordinator)
    key = shown_key(client.get(reverse("two_factor")).content.decode())

    client.post(reverse("two_factor"), {"token": "000000"})

    assert TOTPDevice.objects.get(user=coordinator, confirmed=False).bin_key == key


def test_a_wrong_code_is_refused_in_dutch(client, coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    log_in(client, coordinator)

    response = client.post(reverse("two_factor"), {"token": "000000"})

    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_right_code_opens_the_admin(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    log_in(client, coordinator)

    response = client.post(reverse("two_factor"), {"token": current_code(device), "next": reverse("admin:index")})

    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_partners_sign_in_with_their_password_alone(client, partner_admin):
    response = log_in(client, partner_admin)

    assert not response["Location"].startswith(reverse("two_factor"))


def test_a_partner_who_set_up_an_app_must_use_it(client, partner_admin):
    TOTPDevice.objects.create(user=partner_admin, name="app", confirmed=True)

    response = log_in(client, partner_admin, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("two_factor"))


def test_an_idle_session_ends_with_a_dutch_message(partner_admin_client):
    session = partner_admin_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()

    response = partner_admin_client.get(reverse("two_factor"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Uw sessie is verlopen" in response.content.decode()


def test_an_active_session_stays_signed_in(partner_admin_client):
    session = partner_admin_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS + 60
    session.save()

    assert partner_admin_client.get(reverse("two_factor")).status_code == 200


def test_a_partner_finds_two_factor_sign_in_in_the_header(partner_admin_client):
    page = partner_admin_client.get(reverse("two_factor")).content.decode()

    assert f'href="{reverse("two_factor")}"' in page and "Stel eenmalig een authenticator-app in" in page
