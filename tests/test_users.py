"""The portal's users: known by their e-mail address in any case, and one rule for who is a partner."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import RequestFactory
from django.urls import reverse

from cases.models import AccessLog
from partnerships import accounts
from partnerships.models import Membership, Organisation
from tests.factories import MembershipFactory, UserFactory, ocmw, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_create_user_keeps_the_address_and_lowercases_its_domain():
    user = get_user_model().objects.create_user(" Jan@Gent.BE ", password=PASSWORD)

    assert user.email == "Jan@gent.be" and user.check_password(PASSWORD) and not user.is_staff


def test_create_superuser_makes_staff_and_superuser():
    user = get_user_model().objects.create_superuser("beheer@dyzo.example", password=PASSWORD)

    assert user.is_staff and user.is_superuser


def test_authenticate_finds_the_address_in_any_case():
    user = get_user_model().objects.create_user("Jan@Gent.be", password=PASSWORD)

    assert authenticate(RequestFactory().post("/account/login/"), username="jan@gent.be", password=PASSWORD) == user


def test_the_sign_in_page_accepts_the_address_in_another_case(client):
    UserFactory(email="jan@gent.example")

    response = log_in(client, "JAN@Gent.Example")

    assert response.status_code == 302 and response.wsgi_request.user.email == "jan@gent.example"


def test_the_sign_in_page_asks_for_the_e_mail_address(client):
    response = client.get(reverse("login"))

    assert '<label for="id_username">E-mailadres:</label>' in response.text
    assert 'type="email"' in response.text


def test_changing_the_case_does_not_get_round_the_lockout(client):
    UserFactory(email="an@example.org")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "an@example.org" if attempt % 2 else "AN@example.org", "fout-wachtwoord")

    assert log_in(client, "An@Example.org").status_code == 429


def test_password_reset_mails_the_address_typed_in_another_case(client):
    UserFactory(email="jan@gent.example")

    client.post(reverse("password_reset"), {"email": "Jan@GENT.example"})

    assert [message.to for message in mail.outbox] == [["jan@gent.example"]]


def test_the_database_refuses_an_address_that_differs_only_in_case():
    UserFactory(email="jan@gent.example")

    with pytest.raises(IntegrityError):
        get_user_model().objects.bulk_create([get_user_model()(email="Jan@Gent.example")])


def test_model_validation_refuses_an_address_that_differs_only_in_case():
    UserFactory(email="jan@gent.example")
    duplicate = get_user_model()(email="JAN@gent.example")
    duplicate.set_unusable_password()

    with pytest.raises(ValidationError, match="Er bestaat al een account met dit e-mailadres"):
        duplicate.full_clean()


def test_the_admin_refuses_a_second_account_for_the_same_address_in_another_case(client):
    sign_in(client, UserFactory(email="beheer@dyzo.example", is_staff=True, is_superuser=True))
    UserFactory(email="jan@gent.example")

    response = client.post(
        reverse("admin:core_user_add"), {"email": "Jan@Gent.example", "usable_password": "false", "first_name": "Jan"}
    )

    assert response.status_code == 200 and "Er bestaat al een account met dit e-mailadres." in response.text
    assert get_user_model().objects.filter(email__iexact="jan@gent.example").count() == 1


def test_the_admin_finds_users_by_name(client):
    sign_in(client, UserFactory(email="beheer@dyzo.example", is_staff=True, is_superuser=True))
    UserFactory(email="els.maes@gent.example", first_name="Els", last_name="Maes")

    response = client.get(reverse("admin:core_user_changelist"), {"q": "maes"})

    assert [user.email for user in response.context["cl"].result_list] == ["els.maes@gent.example"]


def test_the_admin_finds_memberships_by_e_mail(client):
    sign_in(client, UserFactory(email="beheer@dyzo.example", is_staff=True, is_superuser=True))
    membership = MembershipFactory(user=UserFactory(email="els.maes@gent.example"))
    MembershipFactory()

    response = client.get(reverse("admin:partnerships_membership_changelist"), {"q": "els.maes"})

    assert list(response.context["cl"].result_list) == [membership]


def test_the_admin_finds_access_log_entries_by_e_mail(client):
    sign_in(client, UserFactory(email="beheer@dyzo.example", is_staff=True, is_superuser=True))
    entry = AccessLog.objects.create(user=UserFactory(email="els.maes@gent.example"), action="dossier bekeken", path="/x/")
    AccessLog.objects.create(user=UserFactory(), action="dossier bekeken", path="/y/")

    response = client.get(reverse("admin:cases_accesslog_changelist"), {"q": "els.maes"})

    assert list(response.context["cl"].result_list) == [entry]


def test_a_member_of_two_organisations_is_a_partner_of_both():
    user = UserFactory()
    gent, antwerpen = ocmw("44021"), ocmw("11002")
    MembershipFactory(user=user, organisation=gent)
    MembershipFactory(user=user, organisation=antwerpen)

    assert accounts.is_partner(user)
    assert set(Organisation.objects.of_partner(user)) == {gent, antwerpen}


def test_a_deactivated_account_is_no_partner_though_its_membership_stays():
    membership = MembershipFactory(user=UserFactory(is_active=False))

    assert not accounts.is_partner(membership.user)
    assert not Organisation.objects.of_partner(membership.user).exists()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_someone_without_a_membership_is_no_partner():
    user = UserFactory()

    assert not accounts.is_partner(user) and not Organisation.objects.of_partner(user).exists()


def test_the_front_door_sends_a_partner_to_the_portal(client):
    sign_in(client, MembershipFactory().user)

    assert client.get(reverse("home"))["Location"] == reverse("portal:dashboard")


def test_the_front_door_refuses_a_signed_in_non_partner_without_a_role(client):
    sign_in(client, UserFactory())

    assert client.get(reverse("home")).status_code == 403
