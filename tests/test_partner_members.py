"""Partner colleagues: an admin invites by e-mail with a one-time link and deactivates colleagues of their own organisation only."""

import datetime
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from partnerships import accounts
from partnerships.models import Membership
from tests.factories import MembershipFactory, UserFactory, ocmw

pytestmark = pytest.mark.django_db
PASSWORD = "Zonnebloem-Kade-2026"


@pytest.fixture
def colleague_client():
    """The invited or deactivated colleague's own browser."""
    return Client()


def invite(client, email="els.maes@gent.example", role=Membership.Role.MEMBER):
    return client.post(
        reverse("portal:invite"), {"first_name": "Els", "last_name": "Maes", "email": email, "role": role}, follow=True
    )


def invitation_link(message) -> str:
    found = re.search(r"http://testserver(/partner/uitnodiging/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def choose_password(client, link):
    return client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)


def test_an_admin_invites_a_colleague_who_gets_an_email_with_a_link(partner_admin_client):
    response = invite(partner_admin_client, role=Membership.Role.ADMIN)

    membership = Membership.objects.get(user__email="els.maes@gent.example")
    assert "els.maes@gent.example krijgt een e-mail" in response.text
    assert (membership.organisation, membership.role, membership.user.has_usable_password()) == (ocmw("44021"), "admin", False)
    assert mail.outbox[0].to == ["els.maes@gent.example"] and "OCMW Gent" in mail.outbox[0].subject
    assert invitation_link(mail.outbox[0])


def test_the_link_sets_the_password_and_signs_the_colleague_in(partner_admin_client, colleague_client):
    invite(partner_admin_client)

    response = choose_password(colleague_client, invitation_link(mail.outbox[0]))

    assert "Welkom! Uw wachtwoord is ingesteld." in response.text and response.context["user"].email == "els.maes@gent.example"
    assert authenticate(RequestFactory().post("/account/login/"), username="els.maes@gent.example", password=PASSWORD) is not None


def test_a_used_link_is_dead(partner_admin_client, colleague_client):
    invite(partner_admin_client)
    link = invitation_link(mail.outbox[0])
    choose_password(colleague_client, link)
    colleague_client.logout()

    response = colleague_client.get(link)

    assert "Deze uitnodiging is ongeldig, verlopen of al gebruikt." in response.text and "new_password1" not in response.text


def test_an_expired_link_shows_a_dutch_error(partner_admin_client, colleague_client, monkeypatch, settings):
    invite(partner_admin_client)
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(accounts.invitation_tokens, "_now", lambda: later)

    response = choose_password(colleague_client, invitation_link(mail.outbox[0]))

    assert "Deze uitnodiging is ongeldig, verlopen of al gebruikt." in response.text
    assert not get_user_model().objects.get(email="els.maes@gent.example").has_usable_password()


def test_inviting_again_sends_a_new_link_and_kills_the_old_one(partner_admin_client, colleague_client):
    invite(partner_admin_client)
    invite(partner_admin_client)

    old, new = (invitation_link(message) for message in mail.outbox)

    assert "ongeldig" in colleague_client.get(old).text and "new_password1" in colleague_client.get(new).text


def test_someone_who_already_has_an_account_cannot_be_invited(partner_admin_client):
    UserFactory(email="Els.Maes@gent.example")

    response = invite(partner_admin_client)

    assert "Er bestaat al een account met dit e-mailadres." in response.text and not mail.outbox


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_cannot_invite(partner_member_client, method):
    response = getattr(partner_member_client, method)(
        reverse("portal:invite"), {"first_name": "Els", "last_name": "Maes", "email": "els@gent.example", "role": "admin"}
    )

    assert response.status_code == 403 and not mail.outbox


def test_a_member_sees_the_colleagues_without_the_admin_actions(partner_member_client):
    MembershipFactory(user=UserFactory(first_name="Bart", last_name="Claes"))

    response = partner_member_client.get(reverse("portal:members"))

    assert "Bart Claes" in response.text and "Deactiveren" not in response.text and "Een collega uitnodigen" not in response.text


def test_an_admin_deactivates_a_colleague_who_can_then_no_longer_sign_in(partner_admin_client):
    colleague = MembershipFactory(user=UserFactory(first_name="Bart", last_name="Claes"))

    response = partner_admin_client.post(reverse("portal:deactivate", args=[colleague.pk]), follow=True)

    assert "Bart Claes is gedeactiveerd en kan niet meer aanmelden." in response.text and "Gedeactiveerd" in response.text
    signing_in = RequestFactory().post("/account/login/")
    assert authenticate(signing_in, username=colleague.user.get_username(), password="correct-horse-battery") is None


def test_a_deactivated_colleague_is_signed_out(partner_admin_client, colleague_client):
    colleague = MembershipFactory()
    colleague_client.force_login(colleague.user)

    partner_admin_client.post(reverse("portal:deactivate", args=[colleague.pk]))

    assert colleague_client.get(reverse("portal:dashboard")).status_code == 302


def test_an_admin_cannot_deactivate_themselves(partner_admin_client, partner_admin):
    own = partner_admin.memberships.get()

    response = partner_admin_client.post(reverse("portal:deactivate", args=[own.pk]), follow=True)

    assert "U kunt uw eigen account niet deactiveren." in response.text and own.user.is_active


def test_a_colleague_of_another_organisation_is_a_404(partner_admin_client):
    antwerpen = MembershipFactory(organisation=ocmw("11002"))

    response = partner_admin_client.post(reverse("portal:deactivate", args=[antwerpen.pk]))

    assert response.status_code == 404 and get_user_model().objects.get(pk=antwerpen.user_id).is_active


def test_a_member_cannot_deactivate(partner_member_client):
    colleague = MembershipFactory()

    response = partner_member_client.post(reverse("portal:deactivate", args=[colleague.pk]))

    assert response.status_code == 403 and get_user_model().objects.get(pk=colleague.user_id).is_active
