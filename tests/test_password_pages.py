"""Password change and reset happen in the portal's own look, in Dutch, never on the admin's pages."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db


def assert_portal_page(response, title):
    assert response.status_code == 200
    assert "Django" not in response.text and 'class="site-header"' in response.text
    assert f"<h1>{title}</h1>" in response.text


def reset_link(client, mailoutbox, email):
    client.post(reverse("password_reset"), {"email": email})
    return re.search(r"https?://[^/]+(/account/reset/\S+)", mailoutbox[-1].body).group(1)


def test_the_password_change_form_is_a_portal_page(partner_admin_client):
    assert_portal_page(partner_admin_client.get(reverse("password_change")), "Wachtwoord wijzigen")


def test_a_changed_password_is_confirmed_on_a_portal_page(client):
    user = UserFactory()
    client.force_login(user)
    form = {
        "old_password": PASSWORD,
        "new_password1": "een-nieuw-lang-wachtwoord-7",
        "new_password2": "een-nieuw-lang-wachtwoord-7",
    }

    response = client.post(reverse("password_change"), form, follow=True)

    assert_portal_page(response, "Wachtwoord gewijzigd")


def test_a_wrong_old_password_is_refused_in_dutch(partner_admin_client):
    form = {
        "old_password": "fout",
        "new_password1": "een-nieuw-lang-wachtwoord-7",
        "new_password2": "een-nieuw-lang-wachtwoord-7",
    }

    response = partner_admin_client.post(reverse("password_change"), form)

    assert "Uw oude wachtwoord is niet juist ingevoerd" in response.text


def test_the_forgotten_password_form_is_a_portal_page(client):
    assert_portal_page(client.get(reverse("password_reset")), "Wachtwoord vergeten")


def test_the_reset_mail_is_dutch_and_links_to_the_portal_page_that_sets_the_password(client, mailoutbox):
    user = UserFactory(email="an@example.org")

    response = client.post(reverse("password_reset"), {"email": user.email}, follow=True)

    assert_portal_page(response, "Kijk uw e-mail na")
    assert mailoutbox[0].subject == "Een nieuw wachtwoord voor het Dyzo-portaal"
    assert "Kies het via deze link" in mailoutbox[0].body


def test_the_reset_link_sets_a_new_password_and_sends_to_the_sign_in(client, mailoutbox):
    UserFactory(email="an@example.org")
    form_page = client.get(reset_link(client, mailoutbox, "an@example.org"), follow=True)
    assert_portal_page(form_page, "Nieuw wachtwoord kiezen")

    new = "een-nieuw-lang-wachtwoord-7"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)

    assert_portal_page(response, "Wachtwoord bewaard")
    assert reverse("login") in response.text


def test_a_used_reset_link_offers_a_new_one(client):
    response = client.get(reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "verlopen"}))

    assert_portal_page(response, "Nieuw wachtwoord kiezen")
    assert "Deze link werkt niet meer" in response.text and reverse("password_reset") in response.text
