"""Partner trainings: a partner registers colleagues of their own organisation under the training rules, cancels, sees who attended."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, RegistrationFactory, TrainingSessionFactory, UserFactory, ocmw
from trainings.models import Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def register(client, session, **data):
    return client.post(
        reverse("portal:training_register", args=[session.pk]), {"colleague": "", "name": "", "function": "", **data}, follow=True
    )


def test_open_sessions_are_listed_and_closed_ones_are_not(partner_admin_client):
    TrainingSessionFactory(target_group="Schuldbemiddelaars", date=days_from_today(20), registration_deadline=days_from_today(10))
    TrainingSessionFactory(target_group="Teamleiders", date=days_from_today(20), registration_deadline=days_from_today(-1))

    response = partner_admin_client.get(reverse("portal:trainings"))

    assert "Schuldbemiddelaars" in response.text and "Teamleiders" not in response.text


def test_a_session_for_other_invited_organisations_is_not_offered(partner_admin_client):
    TrainingSessionFactory(target_group="Schuldbemiddelaars").invited_organisations.add(ocmw("11002"))
    TrainingSessionFactory(target_group="Teamleiders").invited_organisations.add(ocmw("44021"))

    response = partner_admin_client.get(reverse("portal:trainings"))

    assert "Schuldbemiddelaars" not in response.text and "Teamleiders" in response.text


def test_the_dashboard_links_to_registering_for_an_open_session(partner_admin_client):
    session = TrainingSessionFactory()

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert reverse("portal:training_register", args=[session.pk]) in response.text


def test_a_partner_registers_a_colleague_by_name(partner_admin_client):
    session = TrainingSessionFactory()

    response = register(partner_admin_client, session, name="An Peeters", function="maatschappelijk werker")

    registration = Registration.objects.get()
    assert "An Peeters is ingeschreven." in response.text
    assert (registration.organisation, registration.status) == (ocmw("44021"), Status.CONFIRMED)


def test_a_partner_registers_a_colleague_who_has_an_account(partner_admin_client):
    colleague = MembershipFactory(user=UserFactory(first_name="Bart", last_name="Claes")).user

    response = register(partner_admin_client, TrainingSessionFactory(), colleague=colleague.pk)

    assert "Bart Claes is ingeschreven." in response.text
    assert response.context["registrations"][0].name == "Bart Claes"


def test_a_partner_gives_the_participants_own_address(partner_admin_client):
    register(partner_admin_client, TrainingSessionFactory(), name="An Peeters", participant_email=" an.peeters@Gent.be ")

    assert Registration.objects.get().participant_email == "an.peeters@gent.be"


def test_a_colleague_with_an_account_is_reminded_at_their_own_address(partner_admin_client):
    colleague = MembershipFactory(user=UserFactory(email="bart@ocmw-gent.be")).user

    register(partner_admin_client, TrainingSessionFactory(), colleague=colleague.pk)

    assert Registration.objects.get().participant_email == "bart@ocmw-gent.be"


def test_a_malformed_participant_address_is_refused_in_dutch(partner_admin_client):
    response = register(partner_admin_client, TrainingSessionFactory(), name="An Peeters", participant_email="an@")

    assert "Voer een geldig e-mailadres in." in response.text
    assert not Registration.objects.exists()


def test_the_form_asks_for_a_colleague_or_a_name(partner_admin_client):
    response = register(partner_admin_client, TrainingSessionFactory())

    assert "Kies een collega uit de lijst óf vul de naam van een collega in." in response.text


def test_a_full_session_puts_the_colleague_on_the_waiting_list(partner_admin_client):
    session = TrainingSessionFactory(capacity=1)
    RegistrationFactory(session=session)

    response = register(partner_admin_client, session, name="An Peeters")

    assert "De sessie is volzet: An Peeters staat op de wachtlijst" in response.text
    assert Registration.objects.get(name="An Peeters").status == Status.WAITING


def test_after_the_deadline_the_form_says_registrations_are_closed(partner_admin_client):
    session = TrainingSessionFactory(date=days_from_today(5), registration_deadline=days_from_today(-1))

    response = register(partner_admin_client, session, name="An Peeters")

    assert "De inschrijvingen voor deze sessie zijn afgesloten." in response.text and not Registration.objects.exists()


def test_a_colleague_is_registered_only_once(partner_admin_client):
    session = TrainingSessionFactory()
    register(partner_admin_client, session, name="An Peeters")

    response = register(partner_admin_client, session, name="an  peeters")

    assert "is al ingeschreven voor deze sessie." in response.text and Registration.objects.count() == 1


def test_the_partner_sees_only_their_organisations_registrations(partner_admin_client):
    session = TrainingSessionFactory()
    RegistrationFactory(session=session, name="Gentse collega", organisation=ocmw("44021"))
    RegistrationFactory(session=session, name="Antwerpse collega", organisation=ocmw("11002"), organisation_name="OCMW Antwerpen")

    response = partner_admin_client.get(reverse("portal:trainings"))

    assert "Gentse collega" in response.text and "Antwerpse collega" not in response.text


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list(partner_admin_client):
    session = TrainingSessionFactory(capacity=1)
    own = RegistrationFactory(session=session, organisation=ocmw("44021"))
    waiting = RegistrationFactory(session=session, status=Status.WAITING)

    response = partner_admin_client.post(reverse("portal:training_cancel", args=[own.pk]), follow=True)

    assert "De vrijgekomen plaats gaat naar de eerste op de wachtlijst." in response.text
    assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED


def test_a_registration_for_a_past_session_cannot_be_cancelled(partner_admin_client):
    past = RegistrationFactory(session=TrainingSessionFactory(date=days_from_today(-3)), organisation=ocmw("44021"))

    response = partner_admin_client.post(reverse("portal:training_cancel", args=[past.pk]), follow=True)

    assert "Een inschrijving voor een voorbije sessie kan niet meer geannuleerd worden." in response.text
    assert Registration.objects.get(pk=past.pk).status == Status.CONFIRMED


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_registration_is_a_404(partner_admin_client, method):
    antwerpen = RegistrationFactory(organisation=ocmw("11002"), organisation_name="OCMW Antwerpen")

    response = getattr(partner_admin_client, method)(reverse("portal:training_cancel", args=[antwerpen.pk]))

    assert response.status_code == 404 and Registration.objects.get().status == Status.CONFIRMED


def test_the_history_shows_who_attended(partner_admin_client):
    session = TrainingSessionFactory(date=datetime.date(2024, 5, 14), target_group="Maatschappelijk werkers")
    RegistrationFactory(session=session, name="An Peeters", organisation=ocmw("44021"), attended=True)
    RegistrationFactory(session=session, name="Bart Claes", organisation=ocmw("44021"), attended=False)
    RegistrationFactory(session=session, name="Antwerpse collega", organisation=ocmw("11002"), attended=True)

    response = partner_admin_client.get(reverse("portal:training_history"))

    assert "14/05/2024" in response.text and "An Peeters: aanwezig" in response.text and "Bart Claes: afwezig" in response.text
    assert "Antwerpse collega" not in response.text
