"""Second factors and API tokens are secrets of their owners: a coordinator who is no superuser
cannot read them, the admin never shows an authenticator key after set-up, and a token dies with
the password or the account it was issued under (issue 14, item 2)."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from core.api_tokens import issue_token
from partnerships.accounts import deactivate_member
from tests.factories import MembershipFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def a_superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def a_token(user) -> str:
    return issue_token(user=user)[1]


def api_answer(token: str) -> int:
    """The status of an API request with this token: 403 for a token that is no more (the API asks no credentials, so no 401)."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get("/api/v1/agreements/").status_code


def test_a_coordinator_cannot_open_the_superuser_s_authenticator_device(coordinator_client):
    superuser = a_superuser()
    device = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)

    response = coordinator_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))

    assert response.status_code == 403 and device.key not in response.text


def test_a_coordinator_cannot_list_the_api_tokens(coordinator_client):
    stored, _token = issue_token(user=a_superuser())

    response = coordinator_client.get(reverse("admin:core_apitoken_changelist"))

    assert response.status_code == 403 and stored.token_key not in response.text


def test_a_coordinator_still_unlocks_sign_ins(coordinator_client):
    assert coordinator_client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200


def test_the_admin_shows_no_authenticator_key_even_to_a_superuser(client, partner_admin):
    device = TOTPDevice.objects.create(user=partner_admin, name="app", confirmed=True)
    sign_in(client, a_superuser())

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    qr_code = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))

    assert page.status_code == 200 and device.key not in page.text
    assert qr_code.status_code == 403


def test_a_superuser_removes_someone_s_lost_authenticator(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    sign_in(client, a_superuser())

    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_changing_the_password_revokes_the_api_tokens(partner_admin_client, partner_admin):
    token = a_token(partner_admin)
    assert api_answer(token) == 200

    partner_admin_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-long-secret-9", "new_password2": "a-new-long-secret-9"},
    )

    assert api_answer(token) == 403


def test_a_deactivated_and_reactivated_account_has_no_old_tokens(partner_admin):
    colleague = MembershipFactory(organisation=partner_admin.memberships.get().organisation)
    token = a_token(colleague.user)

    deactivate_member(membership=colleague, by=partner_admin)
    colleague.user.is_active = True
    colleague.user.save()

    assert api_answer(token) == 403


def test_a_password_hash_upgrade_at_sign_in_keeps_the_tokens(partner_member):
    """The test settings prefer MD5: a PBKDF2 hash is upgraded at the next sign-in, the password stays the same."""
    partner_member.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    partner_member.save()
    token = a_token(partner_member)

    Client().post(reverse("login"), {"username": partner_member.email, "password": PASSWORD})

    partner_member.refresh_from_db()
    assert partner_member.password.startswith("md5$") and api_answer(token) == 200
