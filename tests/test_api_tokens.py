"""API tokens (issue 14, item 2): made by their owner after both sign-in steps, shown once, stored
only as a hash, expiring after API_TOKEN_DAYS, listed and revoked by their owner."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from core.api_tokens import issue_token
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def new_token_from_the_page(client) -> str:
    page = client.post(reverse("api_tokens")).content.decode()
    return re.findall(r'<code class="secret">([0-9a-f]+)</code>', page)[0]


def api_answer(token: str) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get("/api/v1/outreach/").status_code


def test_the_token_shown_once_opens_the_api(coordinator_client):
    token = new_token_from_the_page(coordinator_client)

    assert api_answer(token) == 200


def test_the_database_holds_no_clear_token(coordinator_client):
    token = new_token_from_the_page(coordinator_client)

    stored = AuthToken.objects.values().get()

    assert stored["digest"] != token and not any(token in str(value) for value in stored.values())


def test_the_list_never_shows_a_token_again(coordinator_client):
    token = new_token_from_the_page(coordinator_client)

    page = coordinator_client.get(reverse("api_tokens")).content.decode()

    assert token[:8] in page and token not in page


def test_a_token_expires_after_the_set_number_of_days(coordinator_client, settings):
    new_token_from_the_page(coordinator_client)

    assert AuthToken.objects.get().expiry.date() == (timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)).date()


def test_an_expired_token_is_refused(coordinator):
    _stored, token = issue_token(user=coordinator)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))

    assert api_answer(token) == 403 and not AuthToken.objects.exists()


def test_without_the_second_step_no_token_is_made(coordinator):
    password_only = Client()
    password_only.force_login(coordinator)

    response = password_only.post(reverse("api_tokens"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    assert not AuthToken.objects.exists()


def test_a_partner_without_an_authenticator_makes_a_token_after_the_password(partner_admin_client, partner_admin):
    new_token_from_the_page(partner_admin_client)

    assert AuthToken.objects.filter(user=partner_admin).count() == 1


def test_the_owner_revokes_a_token(coordinator_client):
    token = new_token_from_the_page(coordinator_client)

    coordinator_client.post(reverse("api_token_revoke"), {"digest": AuthToken.objects.get().digest})

    assert api_answer(token) == 403


def test_nobody_revokes_someone_else_s_token(client, coordinator, case_worker):
    stored, token = issue_token(user=coordinator)
    sign_in(client, case_worker)

    client.post(reverse("api_token_revoke"), {"digest": stored.digest})

    assert api_answer(token) == 200


def test_the_list_shows_only_one_s_own_tokens(client, coordinator, case_worker):
    stored, _token = issue_token(user=coordinator)
    sign_in(client, case_worker)

    page = client.get(reverse("api_tokens")).content.decode()

    assert stored.token_key[:8] not in page and stored.digest not in page


def test_the_admin_cannot_make_a_token_for_someone_else(client, django_user_model):
    sign_in(client, django_user_model.objects.create_superuser("baas@dyzo.be", "correct-horse-battery"))

    assert client.get(reverse("admin:core_apitoken_add")).status_code == 403


def test_a_person_holds_at_most_the_set_number_of_tokens(coordinator_client, coordinator, settings):
    settings.API_TOKENS_PER_USER = 2
    for _ in range(3):
        response = coordinator_client.post(reverse("api_tokens"))

    assert AuthToken.objects.filter(user=coordinator).count() == 2
    assert "U hebt al 2 geldige API-sleutels." in response.content.decode()


def test_staff_find_their_tokens_from_the_admin_header(coordinator_client):
    page = coordinator_client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("api_tokens")}"' in page


def test_partners_find_their_tokens_from_the_portal_menu(partner_admin_client):
    page = partner_admin_client.get(reverse("portal:dashboard")).content.decode()

    assert f'href="{reverse("api_tokens")}"' in page
