"""Backup codes for the second sign-in step (issue 14, item 2): made by a verified person, shown
once, stored as keyed hashes, each good for one sign-in, so a lost phone needs no coordinator."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from tests.test_security import log_in

pytestmark = pytest.mark.django_db


def codes_from_the_page(client) -> list[str]:
    page = client.post(reverse("backup_codes")).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", page)


def second_step(code: str, user) -> Client:
    """A new browser: the password, then `code` at the second step."""
    browser = Client()
    log_in(browser, user)
    browser.post(reverse("two_factor"), {"token": code})
    return browser


def signed_in_fully(browser) -> bool:
    return browser.get(reverse("admin:index")).status_code == 200


def test_a_verified_person_gets_ten_codes(coordinator_client, settings):
    assert len(set(codes_from_the_page(coordinator_client))) == settings.BACKUP_CODE_COUNT == 10


def test_the_database_holds_no_code_in_clear(coordinator_client):
    codes = codes_from_the_page(coordinator_client)

    stored = set(StaticToken.objects.values_list("token", flat=True))

    assert not stored & {code.replace("-", "") for code in codes} and not stored & set(codes)


def test_a_backup_code_stands_in_for_the_app(coordinator_client, coordinator):
    code = codes_from_the_page(coordinator_client)[0]

    assert signed_in_fully(second_step(code, coordinator))


def test_a_backup_code_typed_in_capitals_without_the_dash_works(coordinator_client, coordinator):
    code = codes_from_the_page(coordinator_client)[0]

    assert signed_in_fully(second_step(code.replace("-", "").upper(), coordinator))


def test_a_backup_code_works_once_and_never_twice(coordinator_client, coordinator):
    code = codes_from_the_page(coordinator_client)[0]
    second_step(code, coordinator)

    again = second_step(code, coordinator)

    assert not signed_in_fully(again)


def test_a_used_backup_code_gets_a_dutch_error(coordinator_client, coordinator):
    code = codes_from_the_page(coordinator_client)[0]
    second_step(code, coordinator)
    browser = Client()
    log_in(browser, coordinator)

    response = browser.post(reverse("two_factor"), {"token": code})

    assert "Deze reservecode klopt niet of werd al gebruikt." in response.content.decode()


def test_new_codes_replace_the_old_ones(coordinator_client, coordinator):
    old = codes_from_the_page(coordinator_client)[0]
    codes_from_the_page(coordinator_client)

    assert not signed_in_fully(second_step(old, coordinator))


def test_without_the_second_step_no_codes_are_made(coordinator):
    password_only = Client()
    log_in(password_only, coordinator)

    response = password_only.post(reverse("backup_codes"))

    assert response.status_code == 302 and not StaticToken.objects.exists()


def test_new_codes_made_after_signing_in_with_a_code_keep_the_session(coordinator_client, coordinator):
    browser = second_step(codes_from_the_page(coordinator_client)[0], coordinator)

    codes_from_the_page(browser)

    assert signed_in_fully(browser)
