"""E-mail notifications: each goes once, to the right people only, after the commit and never after a rollback."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import notifications as case_notifications
from cases import services as case_services
from cases.models import Activity, Case
from core.models import NotificationPreference
from partnerships.models import Agreement, Membership
from partnerships.notifications import AGREEMENT_ENDING
from reports.home import staff_home
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    MembershipFactory,
    TrainingSessionFactory,
    case_worker,
    coordinator,
    municipality,
    ocmw,
    sign_in,
)
from trainings import services as training_services
from trainings.notifications import SESSION_REMINDER

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def admin_of(nis_code: str):
    return MembershipFactory(organisation=ocmw(nis_code), role=Membership.Role.ADMIN).user


def switch_off(user, kind) -> None:
    NotificationPreference.objects.create(user=user, kind=kind.code, enabled=False)


def refer(partner):
    return case_services.refer_case(
        organisation=ocmw("44021"),
        name="Jan Peeters",
        email="",
        phone="09 123 45 67",
        phase=Case.Phase.RESCUE,
        situation="Schulden.",
        by=partner,
        on=timezone.localdate(),
    )


def per_case_case(**fields) -> Case:
    return CaseFactory.create(funding_basis=Case.FundingBasis.PER_CASE, opened_on=timezone.localdate(), **fields)


# A new referral or help request


def test_a_referral_tells_the_coordinators_after_the_commit(committed, mailoutbox, partner_admin):
    dyzo = coordinator()

    with committed():
        case = refer(partner_admin)
        assert mailoutbox == []

    assert recipients(mailoutbox) == [dyzo.email]
    assert mailoutbox[0].subject == f"Nieuwe aanmelding: dossier {case.pk}"
    assert f"http://127.0.0.1:8000/admin/cases/case/{case.pk}/change/" in mailoutbox[0].body
    assert "http://127.0.0.1:8000/account/meldingen/" in mailoutbox[0].body


def test_a_referral_that_is_rolled_back_tells_nobody(committed, mailoutbox, partner_admin):
    coordinator()

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        refer(partner_admin)
        raise RuntimeError

    assert mailoutbox == []


def test_a_help_request_tells_the_coordinators_but_not_the_case_workers(committed, mailoutbox):
    dyzo, other = coordinator(), case_worker()

    with committed():
        case_services.submit_help_request(
            name="An", email="an@example.org", phone="", municipality=municipality("44021"), description="Hulp", consent=True
        )

    assert other.email not in recipients(mailoutbox)
    assert recipients(mailoutbox) == [dyzo.email]


def test_the_assigned_case_worker_is_told_of_a_new_case(committed, mailoutbox):
    dyzo, assigned, other = coordinator(), case_worker(), case_worker()

    with committed():
        case_notifications.new_case(CaseFactory(case_worker=assigned))

    assert recipients(mailoutbox) == sorted([dyzo.email, assigned.email])
    assert other.email not in recipients(mailoutbox)


def test_a_coordinator_who_switched_new_cases_off_is_not_told(committed, mailoutbox, partner_admin):
    quiet, told = coordinator(), coordinator()
    switch_off(quiet, case_notifications.NEW_CASE)

    with committed():
        refer(partner_admin)

    assert recipients(mailoutbox) == [told.email]


# A per-case approval needed, and the decision


def test_triage_of_a_per_case_case_asks_the_deciding_ocmws_admins_only(committed, mailoutbox, partner_admin, partner_member):
    antwerpen_admin = admin_of("11002")
    case = per_case_case()

    with committed():
        case_services.change_status(case=case, to=Case.Status.INTAKE, by=coordinator())

    assert recipients(mailoutbox) == [partner_admin.email]
    assert partner_member.email not in recipients(mailoutbox) and antwerpen_admin.email not in recipients(mailoutbox)
    assert f"http://127.0.0.1:8000/partner/akkoorden/{case.pk}/" in mailoutbox[0].body
    assert "http://127.0.0.1:8000/partner/meldingen/" in mailoutbox[0].body


def test_a_case_that_needs_no_approval_asks_nobody(committed, mailoutbox, partner_admin):
    with committed():
        case_services.change_status(case=CaseFactory(), to=Case.Status.INTAKE, by=coordinator())

    assert mailoutbox == []


def test_the_same_approval_request_is_sent_once(committed, mailoutbox, partner_admin):
    case = per_case_case()

    with committed():
        case_notifications.approval_needed(case)
        case_notifications.approval_needed(case)
    with committed():
        case_notifications.approval_needed(case)

    assert recipients(mailoutbox) == [partner_admin.email]


def test_a_decision_tells_the_case_worker_only(committed, mailoutbox, partner_admin):
    assigned = case_worker()
    coordinator()
    case = per_case_case(case_worker=assigned, status=Case.Status.INTAKE)

    with committed():
        case_services.decide_approval(
            case=case,
            organisation=ocmw("44021"),
            decision="goedgekeurd",
            decided_by_name="Voorzitter",
            decided_on=timezone.localdate(),
            amount=Decimal("150.00"),
        )

    assert recipients(mailoutbox) == [assigned.email]
    assert "OCMW Gent" in mailoutbox[0].body and "Goedgekeurd" in mailoutbox[0].subject


# A case closed


def test_closing_a_referred_case_tells_the_referring_organisation(committed, mailoutbox, partner_admin, partner_member):
    antwerpen_admin = admin_of("11002")
    case = refer(partner_member)
    case_services.change_status(case=case, to=Case.Status.INTAKE, by=coordinator())

    with committed():
        case_services.change_status(case=case, to=Case.Status.CLOSED, outcome=Case.Outcome.SAVED, by=coordinator())

    closed = [message for message in mailoutbox if "afgesloten" in message.subject]
    assert recipients(closed) == sorted([partner_admin.email, partner_member.email])
    assert antwerpen_admin.email not in recipients(mailoutbox)
    assert f"/partner/dossiers/{case.pk}/" in closed[0].body


def test_closing_a_case_nobody_referred_tells_no_partner(committed, mailoutbox, partner_admin):
    case = CaseFactory(status=Case.Status.INTAKE)

    with committed():
        case_services.change_status(case=case, to=Case.Status.CLOSED, outcome=Case.Outcome.SAVED, by=coordinator())

    assert mailoutbox == []


# Trainings


def test_a_place_freed_tells_who_registered_the_person_promoted(committed, mailoutbox, partner_admin):
    session = TrainingSessionFactory(capacity=1, date=timezone.localdate() + datetime.timedelta(days=20))
    dyzo = coordinator()
    gent = ocmw("44021")
    first = training_services.register(session=session, name="An", organisation=gent, registered_by=dyzo)
    training_services.register(session=session, name="Bart", organisation=gent, registered_by=partner_admin)

    with committed():
        training_services.cancel_registration(registration=first, by=dyzo)

    assert recipients(mailoutbox) == [partner_admin.email]
    assert "Bart" in mailoutbox[0].body and "/partner/opleidingen/" in mailoutbox[0].body


def test_a_place_freed_tells_the_promoted_participant_at_their_own_address_only(committed, mailoutbox, partner_admin):
    session = TrainingSessionFactory(capacity=1, date=timezone.localdate() + datetime.timedelta(days=20))
    first = register_for(session, "An", by=coordinator())
    register_for(session, "Bart", by=partner_admin, email="bart@ocmw-gent.be")

    with committed():
        training_services.cancel_registration(registration=first, by=coordinator())

    assert recipients(mailoutbox) == ["bart@ocmw-gent.be"]
    assert "Beste Bart," in mailoutbox[0].body and "u stond op de wachtlijst" in mailoutbox[0].body


def test_a_place_freed_in_a_cancellation_that_is_rolled_back_tells_nobody(committed, mailoutbox, partner_admin):
    session = TrainingSessionFactory(capacity=1, date=timezone.localdate() + datetime.timedelta(days=20))
    first = register_for(session, "An", by=partner_admin)
    register_for(session, "Bart", by=partner_admin, email="bart@ocmw-gent.be")

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        training_services.cancel_registration(registration=first, by=partner_admin)
        raise RuntimeError

    assert mailoutbox == []


# The daily reminders


def test_the_reminders_go_once_however_often_the_command_runs(committed, mailoutbox, partner_admin, capsys):
    today = timezone.localdate()
    dyzo = coordinator()
    soon = TrainingSessionFactory(date=today + datetime.timedelta(days=7), capacity=None)
    later = TrainingSessionFactory(date=today + datetime.timedelta(days=8), capacity=None)
    for session in (soon, later):
        training_services.register(session=session, name="An", organisation=ocmw("44021"), registered_by=partner_admin)
    ending = AgreementFactory(start_date=datetime.date(2020, 1, 1), end_date=today + datetime.timedelta(days=45))
    AgreementFactory(
        municipality=municipality("11002"), start_date=datetime.date(2020, 1, 1), end_date=today + datetime.timedelta(days=61)
    )

    call_command("send_reminders")
    first = [(message.to, message.subject) for message in mailoutbox]
    call_command("send_reminders")

    assert sorted(first) == sorted(
        [
            ([partner_admin.email], f"Herinnering: opleiding op {soon.date:%d/%m/%Y}"),
            ([dyzo.email], f"Overeenkomst met Gent loopt af op {ending.end_date:%d/%m/%Y}"),
        ]
    )
    assert len(mailoutbox) == 2
    assert capsys.readouterr().out.splitlines() == ["2 e-mail(s) sent", "0 e-mail(s) sent"]


def test_an_extended_agreement_is_announced_again_near_its_new_end(mailoutbox):
    today = timezone.localdate()
    coordinator()
    agreement = AgreementFactory(start_date=datetime.date(2020, 1, 1), end_date=today + datetime.timedelta(days=10))
    call_command("send_reminders", stdout=None)
    Agreement.objects.filter(pk=agreement.pk).update(end_date=today + datetime.timedelta(days=50))

    call_command("send_reminders", stdout=None)

    assert len(mailoutbox) == 2


def test_a_coordinator_who_switched_agreement_reminders_off_gets_none(mailoutbox):
    quiet = coordinator()
    switch_off(quiet, AGREEMENT_ENDING)
    AgreementFactory(start_date=datetime.date(2020, 1, 1), end_date=timezone.localdate() + datetime.timedelta(days=5))

    call_command("send_reminders", stdout=None)

    assert mailoutbox == []


# Reminding a partner from the staff home's list (issue 18)


def waiting_on_a_partner_list() -> str:
    """Where the staff home's line of per-case approvals waiting on a partner leads."""
    (line,) = [line for line in staff_home(coordinator()) if "akkoord" in line.label]
    return line.url


def remind(client, case, *, url=None):
    """The action on the staff home's list of approvals waiting on a partner (or on another case list)."""
    return client.post(
        url or waiting_on_a_partner_list(),
        {"action": "remind_partner", "_selected_action": [case.pk]},
        follow=True,
    )


def test_the_remind_action_emails_the_deciding_admins_and_logs_it_on_the_case(
    committed, mailoutbox, coordinator_client, partner_admin
):
    admin_of("11002")
    case = per_case_case(status=Case.Status.INTAKE)

    with committed():
        response = remind(coordinator_client, case)

    assert f"Dossier {case.pk}: herinnering verstuurd naar 1 partnerbeheerder." in response.content.decode()
    assert recipients(mailoutbox) == [partner_admin.email]
    assert mailoutbox[0].subject == f"Herinnering: dossier {case.pk} wacht nog op uw akkoord"
    reminder = case.activities.get()
    assert reminder.kind == Activity.Kind.APPROVAL_REMINDER and partner_admin.email in reminder.description


def test_a_partner_is_reminded_at_most_once_a_day_per_case(committed, mailoutbox, coordinator_client, partner_admin):
    case = per_case_case(status=Case.Status.INTAKE)
    with committed():
        remind(coordinator_client, case)

    with committed():
        response = remind(coordinator_client, case)

    assert "vandaag al herinnerd" in response.content.decode()
    assert len(mailoutbox) == 1 and case.activities.count() == 1


def test_a_decided_case_needs_no_reminder(mailoutbox, coordinator_client, partner_admin):
    case = per_case_case(status=Case.Status.INTAKE)
    case_services.decide_approval(
        case=case,
        organisation=ocmw("44021"),
        decision="geweigerd",
        decided_by_name="Voorzitter",
        decided_on=timezone.localdate(),
        amount=None,
        reason="Geen budget.",
    )

    response = remind(coordinator_client, case, url=reverse("admin:cases_case_changelist"))

    assert "wacht niet op een akkoord" in response.content.decode()
    assert not case.activities.exists()


def test_no_reminder_is_logged_when_no_admin_would_receive_it(committed, mailoutbox, coordinator_client, partner_admin):
    switch_off(partner_admin, case_notifications.APPROVAL_REMINDER)
    case = per_case_case(status=Case.Status.INTAKE)

    with committed():
        response = remind(coordinator_client, case)

    assert "ontvangt herinneringen" in response.content.decode()
    assert mailoutbox == [] and not case.activities.exists()


def test_the_case_page_of_a_waiting_case_offers_the_reminder_button(committed, mailoutbox, case_worker_client, partner_admin):
    case = per_case_case(status=Case.Status.INTAKE)
    page = case_worker_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert reverse("admin:cases_case_remind", args=[case.pk]) in page

    with committed():
        response = case_worker_client.post(reverse("admin:cases_case_remind", args=[case.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:cases_case_change", args=[case.pk])
    assert recipients(mailoutbox) == [partner_admin.email] and case.activities.get().kind == Activity.Kind.APPROVAL_REMINDER


def test_the_case_page_of_a_case_needing_no_approval_has_no_reminder_button(case_worker_client):
    case = CaseFactory(status=Case.Status.INTAKE)

    page = case_worker_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()

    assert reverse("admin:cases_case_remind", args=[case.pk]) not in page


# The "Meldingen" page


def test_a_partner_admin_chooses_among_the_partner_kinds(partner_admin_client):
    page = partner_admin_client.get(reverse("portal:notifications")).content.decode()

    assert "Een dossier dat op het akkoord van ons bestuur wacht" in page
    assert "Een overeenkomst die binnen 60 dagen afloopt" not in page


def test_a_coordinator_chooses_among_the_staff_kinds(coordinator_client):
    page = coordinator_client.get(reverse("notifications")).content.decode()

    assert "Een overeenkomst die binnen 60 dagen afloopt" in page and "Een nieuwe doorverwijzing of hulpvraag" in page
    assert "Een dossier dat op het akkoord van ons bestuur wacht" not in page


def test_a_case_worker_is_not_offered_the_agreement_reminders(case_worker_client):
    page = case_worker_client.get(reverse("notifications")).content.decode()

    assert "Een overeenkomst die binnen 60 dagen afloopt" not in page


def test_policy_staff_are_told_no_emails_apply(policy_client):
    assert "geen e-mails" in policy_client.get(reverse("notifications")).content.decode()


def test_switching_a_kind_off_on_the_page_stops_that_email(client, committed, mailoutbox):
    partner = admin_of("44021")
    sign_in(client, partner)
    kinds = [case_notifications.APPROVAL_REMINDER.code, case_notifications.CASE_CLOSED.code]

    response = client.post(reverse("portal:notifications"), {"kinds": kinds, "language": "nl-be"})
    with committed():
        case_notifications.approval_needed(per_case_case())

    assert response.status_code == 302
    assert mailoutbox == []
    assert client.get(reverse("portal:notifications")).context["form"].initial["kinds"] == sorted(kinds)


def test_an_email_is_written_in_the_language_the_recipient_chose(client, committed, mailoutbox):
    partner = admin_of("44021")
    sign_in(client, partner)
    client.post(reverse("notifications"), {"kinds": [case_notifications.APPROVAL_NEEDED.code], "language": "en"})
    case = per_case_case()

    with committed():
        case_notifications.approval_needed(case)

    assert mailoutbox[0].subject == f"Case {case.pk} is waiting for your approval"
    assert "Dear " in mailoutbox[0].body


def test_an_email_is_in_dutch_by_default(committed, mailoutbox, partner_admin):
    case = per_case_case()

    with committed():
        case_notifications.approval_needed(case)

    assert mailoutbox[0].subject == f"Dossier {case.pk} wacht op uw akkoord"


# The reminder a week before a session, to the participants who gave an address (issue 16.8)


def register_for(session, name, *, by, email=""):
    return training_services.register(
        session=session, name=name, organisation=ocmw("44021"), participant_email=email, registered_by=by
    )


def next_week_session():
    return TrainingSessionFactory(date=timezone.localdate() + datetime.timedelta(days=5), capacity=None)


def test_a_participant_with_an_address_is_reminded_there_once_and_their_colleague_not(mailoutbox, partner_admin):
    register_for(next_week_session(), "An", by=partner_admin, email="an@ocmw-gent.be")

    call_command("send_reminders", stdout=None)
    call_command("send_reminders", stdout=None)

    assert recipients(mailoutbox) == ["an@ocmw-gent.be"]


def test_the_colleague_is_reminded_only_of_those_without_an_address(mailoutbox, partner_admin):
    session = next_week_session()
    register_for(session, "An", by=partner_admin, email="an@ocmw-gent.be")
    register_for(session, "Bart", by=partner_admin)

    call_command("send_reminders", stdout=None)

    (to_colleague,) = [message for message in mailoutbox if message.to == [partner_admin.email]]
    assert recipients(mailoutbox) == sorted(["an@ocmw-gent.be", partner_admin.email])
    assert "Deelnemers: Bart\n" in to_colleague.body


def test_the_participants_email_says_who_registered_them_and_how_to_cancel(mailoutbox):
    registrar = MembershipFactory(organisation=ocmw("44021"), user__first_name="Els", user__last_name="Claes").user
    session = next_week_session()
    register_for(session, "An Peeters", by=registrar, email="an@ocmw-gent.be")

    call_command("send_reminders", stdout=None)

    (message,) = mailoutbox
    assert message.subject == f"Herinnering: opleiding op {session.date:%d/%m/%Y}"
    assert "Beste An Peeters," in message.body
    assert "An Peeters werd ingeschreven door Els Claes (OCMW Gent)." in message.body
    assert "Vraag wie u inschreef of uw organisatie om de inschrijving te annuleren" in message.body
    assert "/account/meldingen/" not in message.body and "/partner/" not in message.body


def test_a_participant_is_reminded_even_when_their_colleague_switched_reminders_off(mailoutbox, partner_admin):
    switch_off(partner_admin, SESSION_REMINDER)
    session = next_week_session()
    register_for(session, "An", by=partner_admin, email="an@ocmw-gent.be")
    register_for(session, "Bart", by=partner_admin)

    call_command("send_reminders", stdout=None)

    assert recipients(mailoutbox) == ["an@ocmw-gent.be"]


def test_two_participants_at_one_address_get_one_reminder_naming_both(mailoutbox, partner_admin):
    session = next_week_session()
    register_for(session, "An", by=partner_admin, email="opleiding@ocmw-gent.be")
    register_for(session, "Bart", by=partner_admin, email="Opleiding@ocmw-gent.be")

    call_command("send_reminders", stdout=None)

    (message,) = mailoutbox
    assert "Beste An, Bart," in message.body


def test_a_colleague_who_gave_their_own_address_for_a_participant_gets_one_reminder_naming_everyone(mailoutbox, partner_admin):
    session = next_week_session()
    register_for(session, "An", by=partner_admin, email=partner_admin.email)
    register_for(session, "Bart", by=partner_admin)

    call_command("send_reminders", stdout=None)

    (message,) = mailoutbox
    assert message.to == [partner_admin.email] and "Deelnemers: Bart, An\n" in message.body


def test_an_address_reminded_as_a_colleague_is_not_reminded_again_as_a_participant(mailoutbox, partner_admin):
    session = next_week_session()
    register_for(session, "Bart", by=partner_admin)
    call_command("send_reminders", stdout=None)
    register_for(session, "An", by=coordinator(), email=partner_admin.email)

    call_command("send_reminders", stdout=None)

    assert recipients(mailoutbox) == [partner_admin.email]


def test_a_participant_on_the_waiting_list_is_not_reminded(mailoutbox, partner_admin):
    session = TrainingSessionFactory(date=timezone.localdate() + datetime.timedelta(days=5), capacity=1)
    register_for(session, "An", by=partner_admin)
    register_for(session, "Bart", by=partner_admin, email="bart@ocmw-gent.be")

    call_command("send_reminders", stdout=None)

    assert recipients(mailoutbox) == [partner_admin.email]
