"""One client-address rule behind the proxy: TRUSTED_PROXY_COUNT says how many proxies append to
X-Forwarded-For; without it the header is ignored, so nobody can forge an address."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from cases.models import Case
from core.client_address import client_address
from tests.test_cases_privacy import help_form
from tests.test_security import log_in
from tests.test_settings import import_settings

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def request_from(forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)


def behind_the_proxy(client_ip):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_ip}


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request_from("198.51.100.9")) == "198.51.100.9"


def test_an_address_the_client_put_before_the_proxys_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request_from("1.2.3.4, 198.51.100.9")) == "198.51.100.9"


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(request_from("1.2.3.4, 198.51.100.9, 10.0.0.1")) == "198.51.100.9"


@pytest.mark.parametrize("header", [None, "", "not-an-address", "198.51.100.9:4711", "198.51.100.9,"])
def test_a_missing_or_malformed_header_falls_back_to_the_connecting_address(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request_from(header)) == PROXY


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(request_from("198.51.100.9")) == PROXY


def test_without_trusted_proxies_a_forged_header_is_ignored():
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_address(request_from("198.51.100.9")) == PROXY


def test_behind_the_proxy_each_client_has_its_own_help_form_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.HELP_REQUESTS_PER_HOUR = 1
    client.post(reverse("cases:help_request"), help_form(), **behind_the_proxy("198.51.100.9"))

    throttled = client.post(reverse("cases:help_request"), help_form(), **behind_the_proxy("198.51.100.9"))
    other = client.post(reverse("cases:help_request"), help_form(), **behind_the_proxy("203.0.113.7"))

    assert (throttled.status_code, other.status_code) == (429, 302) and Case.objects.count() == 2


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_help_form_limit(client, settings):
    settings.HELP_REQUESTS_PER_HOUR = 1
    client.post(reverse("cases:help_request"), help_form(), **behind_the_proxy("198.51.100.9"))

    response = client.post(reverse("cases:help_request"), help_form(), **behind_the_proxy("203.0.113.7"))

    assert response.status_code == 429 and Case.objects.count() == 1


def test_the_help_form_count_is_kept_where_every_worker_sees_it(client, settings):
    settings.HELP_REQUESTS_PER_HOUR = 1
    client.post(reverse("cases:help_request"), help_form())
    cache.clear()

    response = client.post(reverse("cases:help_request"), help_form())

    assert response.status_code == 429


def test_behind_the_proxy_a_lockout_holds_only_the_client_that_caused_it(client, settings, partner_admin):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, partner_admin, "fout-wachtwoord", **behind_the_proxy("198.51.100.9"))

    attacker = log_in(client, partner_admin, **behind_the_proxy("198.51.100.9"))
    owner = log_in(client, partner_admin, **behind_the_proxy("203.0.113.7"))

    assert (attacker.status_code, owner.status_code) == (429, 302)


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_lockout(client, settings, partner_admin):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, partner_admin, "fout-wachtwoord", **behind_the_proxy("198.51.100.9"))

    response = log_in(client, partner_admin, **behind_the_proxy("203.0.113.7"))

    assert response.status_code == 429


def test_the_security_log_names_the_client_behind_the_proxy(client, settings, caplog, partner_admin):
    settings.TRUSTED_PROXY_COUNT = 1
    with caplog.at_level("INFO", logger="core.security"):
        log_in(client, partner_admin, "fout-wachtwoord", **behind_the_proxy("198.51.100.9"))

    assert "address=198.51.100.9" in caplog.text


@pytest.mark.parametrize("value", ["abc", "-1", "1.5"])
def test_a_proxy_count_that_is_not_a_whole_number_stops_the_start(value):
    result = import_settings("s.TRUSTED_PROXY_COUNT", SECRET_KEY="a-real-secret", TRUSTED_PROXY_COUNT=value)

    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr


def test_the_proxy_count_is_read_from_the_environment():
    result = import_settings("s.TRUSTED_PROXY_COUNT", SECRET_KEY="a-real-secret", TRUSTED_PROXY_COUNT="2")

    assert result.stdout.strip() == "2"
