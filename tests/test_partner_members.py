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


@pytest.fixture
def gent_admin(client):
    client.force_login(MembershipFactory(user=UserFactory(email="beheerder.gent@example.org"), role=Membership.Role.ADMIN).user)
    return client


def invite(client, email="els.maes@gent.example", role=Membership.Role.MEMBER):
    return client.post(
        reverse("portal:invite"), {"first_name": "Els", "last_name": "Maes", "email": email, "role": role}, follow=True
    )


def invitation_link(message) -> str:
    return re.search(r"http://testserver(/partner/uitnodiging/\S+)", message.body).group(1)


def choose_password(client, link):
    return client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)


def test_an_admin_invites_a_colleague_who_gets_an_email_with_a_link(gent_admin):
    response = invite(gent_admin, role=Membership.Role.ADMIN)

    membership = Membership.objects.get(user__email="els.maes@gent.example")
    assert "els.maes@gent.example krijgt een e-mail" in response.text
    assert (membership.organisation, membership.role, membership.user.has_usable_password()) == (ocmw("44021"), "admin", False)
    assert mail.outbox[0].to == ["els.maes@gent.example"] and "OCMW Gent" in mail.outbox[0].subject
    assert invitation_link(mail.outbox[0])


def test_the_link_sets_the_password_and_signs_the_colleague_in(gent_admin, colleague_client):
    invite(gent_admin)

    response = choose_password(colleague_client, invitation_link(mail.outbox[0]))

    assert "Welkom! Uw wachtwoord is ingesteld." in response.text and response.context["user"].email == "els.maes@gent.example"
    assert authenticate(RequestFactory().post("/account/login/"), username="els.maes@gent.example", password=PASSWORD) is not None


def test_a_used_link_is_dead(gent_admin, colleague_client):
    invite(gent_admin)
    link = invitation_link(mail.outbox[0])
    choose_password(colleague_client, link)
    colleague_client.logout()

    response = colleague_client.get(link)

    assert "Deze uitnodiging is ongeldig, verlopen of al gebruikt." in response.text and "new_password1" not in response.text


def test_an_expired_link_shows_a_dutch_error(gent_admin, colleague_client, monkeypatch, settings):
    invite(gent_admin)
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(accounts.invitation_tokens, "_now", lambda: later)

    response = choose_password(colleague_client, invitation_link(mail.outbox[0]))

    assert "Deze uitnodiging is ongeldig, verlopen of al gebruikt." in response.text
    assert not get_user_model().objects.get(email="els.maes@gent.example").has_usable_password()


def test_inviting_again_sends_a_new_link_and_kills_the_old_one(gent_admin, colleague_client):
    invite(gent_admin)
    invite(gent_admin)

    old, new = (invitation_link(message) for message in mail.outbox)

    assert "ongeldig" in colleague_client.get(old).text and "new_password1" in colleague_client.get(new).text


def test_someone_who_already_has_an_account_cannot_be_invited(gent_admin):
    UserFactory(email="Els.Maes@gent.example")

    response = invite(gent_admin)

    assert "Er bestaat al een account met dit e-mailadres." in response.text and not mail.outbox


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_cannot_invite(client, method):
    client.force_login(MembershipFactory().user)

    response = getattr(client, method)(
        reverse("portal:invite"), {"first_name": "Els", "last_name": "Maes", "email": "els@gent.example", "role": "admin"}
    )

    assert response.status_code == 403 and not mail.outbox


def test_a_member_sees_the_colleagues_without_the_admin_actions(client):
    MembershipFactory(user=UserFactory(email="bart@example.org", first_name="Bart", last_name="Claes"))
    client.force_login(MembershipFactory().user)

    response = client.get(reverse("portal:members"))

    assert "Bart Claes" in response.text and "Deactiveren" not in response.text and "Een collega uitnodigen" not in response.text


def test_an_admin_deactivates_a_colleague_who_can_then_no_longer_sign_in(gent_admin):
    colleague = MembershipFactory(user=UserFactory(email="bart@example.org", first_name="Bart", last_name="Claes"))

    response = gent_admin.post(reverse("portal:deactivate", args=[colleague.pk]), follow=True)

    assert "Bart Claes is gedeactiveerd en kan niet meer aanmelden." in response.text and "Gedeactiveerd" in response.text
    assert (
        authenticate(RequestFactory().post("/account/login/"), username="bart@example.org", password="correct-horse-battery")
        is None
    )


def test_a_deactivated_colleague_is_signed_out(gent_admin, colleague_client):
    colleague = MembershipFactory()
    colleague_client.force_login(colleague.user)

    gent_admin.post(reverse("portal:deactivate", args=[colleague.pk]))

    assert colleague_client.get(reverse("portal:dashboard")).status_code == 302


def test_an_admin_cannot_deactivate_themselves(gent_admin):
    own = Membership.objects.get(user__email="beheerder.gent@example.org")

    response = gent_admin.post(reverse("portal:deactivate", args=[own.pk]), follow=True)

    assert "U kunt uw eigen account niet deactiveren." in response.text and own.user.is_active


def test_a_colleague_of_another_organisation_is_a_404(gent_admin):
    antwerpen = MembershipFactory(organisation=ocmw("11002"))

    response = gent_admin.post(reverse("portal:deactivate", args=[antwerpen.pk]))

    assert response.status_code == 404 and get_user_model().objects.get(pk=antwerpen.user_id).is_active


def test_a_member_cannot_deactivate(client):
    colleague = MembershipFactory(user=UserFactory(email="bart@example.org"))
    client.force_login(MembershipFactory().user)

    response = client.post(reverse("portal:deactivate", args=[colleague.pk]))

    assert response.status_code == 403 and get_user_model().objects.get(email="bart@example.org").is_active
