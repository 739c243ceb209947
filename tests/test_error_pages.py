"""The error pages speak Dutch (or the visitor's English), look like the portal and always offer a way back."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from tests.factories import sign_in


def broken_view(request):
    raise RuntimeError("a bug")


# This module is also the URLconf of the 500 tests: one view that fails.
urlpatterns = [path("stuk/", broken_view)]


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_a_page_that_does_not_exist_says_so_in_dutch_and_what_to_do(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text
    assert "Kijk het adres na op tikfouten" in response.text
    assert '<a class="button" href="/">Naar de startpagina</a>' in response.text


@pytest.mark.django_db
def test_the_missing_page_speaks_english_to_who_chose_english(client):
    response = in_english(client).get("/bestaat-niet/")

    assert response.status_code == 404
    assert "This page does not exist" in response.text
    assert "To the home page" in response.text


@pytest.mark.django_db
def test_a_refused_page_says_so_in_dutch_with_who_is_signed_in_and_the_way_back(client, user_without_role):
    sign_in(client, user_without_role)

    response = client.get("/rapporten/")

    assert response.status_code == 403
    assert "Geen toegang" in response.text
    assert f"U bent aangemeld als {user_without_role.email}" in response.text
    assert '<a class="button" href="/">Naar de startpagina</a>' in response.text


@pytest.mark.urls("tests.test_error_pages")
def test_a_failure_shows_the_dutch_500_page_without_the_database():
    """No django_db mark: the page is rendered with the database out of reach."""
    response = Client(raise_request_exception=False).get("/stuk/")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    assert '<a class="button" href="/">Naar de startpagina</a>' in response.text


@pytest.mark.urls("tests.test_error_pages")
def test_a_failure_speaks_english_to_who_chose_english():
    response = in_english(Client(raise_request_exception=False)).get("/stuk/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/", "/admin/login/"])
def test_each_page_names_the_favicon(client, address):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get(address, follow=True).text


def test_the_browser_s_own_favicon_request_is_answered_from_the_static_files(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
