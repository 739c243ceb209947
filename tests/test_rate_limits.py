"""Rate limits replaying the attacks of issue 14, item 3: API floods, password-reset mail bombs,
invitation spam and password spraying are refused with a Dutch message, never a 500."""

import html

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.api_tokens import issue_token
from partnerships.models import Membership
from tests.factories import UserFactory
from tests.test_client_address import behind_the_proxy
from tests.test_security import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"}}


def test_an_anonymous_flood_of_the_api_gets_a_dutch_429(api_rates):
    api = APIClient()
    answers = [api.get("/api/v1/municipalities/") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["detail"].startswith("Te veel verzoeken.") and int(answers[-1]["Retry-After"]) > 0


def test_the_api_counts_are_shared_by_every_worker_without_a_cache_server(api_rates):
    """Without CACHE_URL each worker has its own memory cache; the counts live in the database instead."""
    api = APIClient()
    for _ in range(3):
        api.get("/api/v1/municipalities/")

    cache.clear()  # what another worker's own memory cache holds: nothing

    assert api.get("/api/v1/municipalities/").status_code == 429


def test_behind_the_proxy_the_api_limit_holds_per_client(api_rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    api = APIClient()
    for _ in range(3):
        api.get("/api/v1/municipalities/", **behind_the_proxy("198.51.100.9"))

    flooder = api.get("/api/v1/municipalities/", **behind_the_proxy("198.51.100.9"))
    other = api.get("/api/v1/municipalities/", **behind_the_proxy("203.0.113.7"))

    assert (flooder.status_code, other.status_code) == (429, 200)


def test_a_token_holder_flooding_the_api_gets_a_429(api_rates, coordinator):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user=coordinator)[1]}")

    answers = [api.get("/api/v1/outreach/").status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]


def reset(client, email: str, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_password_resets_for_one_address_stop_at_the_limit(client, settings, partner_admin):
    settings.PASSWORD_RESETS_PER_EMAIL = 2
    answers = [reset(client, partner_admin.email, **behind_the_proxy(f"198.51.100.{n}")) for n in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 429] and len(mail.outbox) == 2
    assert "te vaak een nieuw wachtwoord aangevraagd" in answers[-1].content.decode()


def test_password_resets_from_one_client_stop_at_the_limit(client, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 3

    answers = [reset(client, f"iemand{n}@example.org").status_code for n in range(4)]

    assert answers == [302, 302, 302, 429]


def invite(client, n: int):
    return client.post(
        reverse("portal:invite"),
        {"first_name": "Els", "last_name": "Maes", "email": f"els{n}@gent.example", "role": Membership.Role.MEMBER},
    )


def test_invitation_spam_stops_at_the_hourly_limit(partner_admin_client, settings):
    settings.INVITATIONS_PER_HOUR = 2

    answers = [invite(partner_admin_client, n) for n in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 429] and len(mail.outbox) == 2
    assert "U hebt het voorbije uur al 2 collega's uitgenodigd." in html.unescape(answers[-1].content.decode())


def test_password_spraying_from_one_address_is_locked_out(settings):
    victims = UserFactory.create_batch(6)
    sprayer = Client()
    tries_per_name = settings.AXES_FAILURE_LIMIT - 1
    for victim in victims[:5]:
        for _ in range(tries_per_name):
            log_in(sprayer, victim, "Zomer2026!")

    response = log_in(sprayer, victims[5])

    assert 5 * tries_per_name >= settings.AXES_ADDRESS_FAILURE_LIMIT
    assert response.status_code == 429 and "Aanmelden tijdelijk geblokkeerd" in response.content.decode()


def test_spraying_locks_the_sprayer_s_address_only(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    victims = UserFactory.create_batch(6)
    for victim in victims[:5]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(Client(), victim, "Zomer2026!", **behind_the_proxy("198.51.100.9"))

    owner = log_in(Client(), victims[5], **behind_the_proxy("203.0.113.7"))

    assert owner.status_code == 302


def test_a_sprayer_s_own_sign_in_does_not_clear_the_address_count(settings):
    victims = UserFactory.create_batch(6)
    own_account = UserFactory()
    sprayer = Client()
    for victim in victims[:5]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(sprayer, victim, "Zomer2026!")
        log_in(Client(), own_account)

    assert log_in(Client(), victims[5]).status_code == 429
