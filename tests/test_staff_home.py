"""The staff home: the admin's first page says what waits today, per role, each line linking to exactly its records."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Activity, Case
from partnerships.models import Municipality, Outreach
from reports.home import staff_home
from reports.quality import data_quality
from tests import factories
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    OutreachFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    UserFactory,
    municipality,
    sign_in,
)
from trainings.models import Registration

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TRIAGE = "Aanmeldingen die wachten op triage"
APPROVALS = "Dossiers per dossier die wachten op het akkoord van het lokale bestuur"
STALE = "Mijn dossiers zonder activiteit sinds 30 dagen"
ENDING = "Overeenkomsten die binnen 60 dagen aflopen"
ENDED = "Overeenkomsten afgelopen zonder opvolger (laatste jaar)"
FOLLOW_UP = "Aanbiedingen waarvan de opvolgdatum voorbij is"
SESSIONS = "Opleidingen binnen 30 dagen met vrije plaatsen of een wachtlijst"
QUALITY = "Open bevindingen over de datakwaliteit"


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def home(client) -> dict:
    """The home's lines by label, as the admin index renders them."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {line.label: line for line in response.context["lines"]}


def listed(client, line) -> list[int]:
    """The primary keys the line's link lists."""
    response = client.get(line.url)
    assert response.status_code == 200
    return [record.pk for record in response.context["cl"].result_list]


def test_a_help_request_waiting_for_triage_is_on_both_staff_homes(coordinator_client, case_worker):
    waiting = CaseFactory(opened_on=days(-5), channel=Case.Channel.SELF)
    CaseFactory(opened_on=days(-9), status=Case.Status.INTAKE)

    line = home(coordinator_client)[TRIAGE]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (1, "oudste wacht 5 dagen", [waiting.pk])
    assert staff_home(case_worker)[0] == line


def test_help_requests_and_partner_referrals_both_wait_for_triage(coordinator_client, partner_admin):
    from_the_form = services.submit_help_request(
        name="Ondernemer via het formulier",
        email="vraag@example.org",
        phone="",
        municipality=municipality("44021"),
        description="Schulden",
        consent=True,
    )
    referred = services.refer_case(
        organisation=partner_admin.memberships.get().organisation,
        name="Doorverwezen ondernemer",
        email="",
        phone="",
        phase=Case.Phase.RESCUE,
        situation="",
        by=partner_admin,
        on=TODAY,
    )

    line = home(coordinator_client)[TRIAGE]

    assert (line.count, set(listed(coordinator_client, line))) == (2, {from_the_form.pk, referred.pk})


def test_per_case_approvals_waiting_on_a_partner_are_listed_longest_waiting_first(coordinator_client):
    recent = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, opened_on=days(-3), status=Case.Status.INTAKE)
    oldest = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, opened_on=days(-20))
    CaseFactory(funding_basis=Case.FundingBasis.SUBSCRIPTION, opened_on=days(-30))

    line = home(coordinator_client)[APPROVALS]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (2, "oudste wacht 20 dagen", [oldest.pk, recent.pk])


def test_a_case_workers_stale_case_is_on_their_home(case_worker, case_worker_client):
    stale = CaseFactory(case_worker=case_worker, status=Case.Status.INTAKE, opened_on=days(-90))
    Activity.objects.create(case=stale, kind=Activity.Kind.CONTACT, date=days(-40))
    lively = CaseFactory(case_worker=case_worker, status=Case.Status.INTAKE, opened_on=days(-90))
    Activity.objects.create(case=lively, kind=Activity.Kind.CONTACT, date=days(-5))
    CaseFactory(case_worker=factories.case_worker(), status=Case.Status.INTAKE, opened_on=days(-90))

    line = home(case_worker_client)[STALE]

    assert (line.count, line.detail, listed(case_worker_client, line)) == (1, "oudste activiteit 40 dagen geleden", [stale.pk])


def test_a_case_workers_open_cases_are_counted_per_status(case_worker, case_worker_client):
    in_intake = [CaseFactory(case_worker=case_worker, status=Case.Status.INTAKE, opened_on=days(-n)) for n in (2, 12)]
    CaseFactory(case_worker=case_worker, status=Case.Status.CLOSED, outcome=Case.Outcome.SAVED, closed_on=days(-1))

    lines = home(case_worker_client)

    assert lines["Mijn dossiers: Intake"].count == 2
    assert set(listed(case_worker_client, lines["Mijn dossiers: Intake"])) == {case.pk for case in in_intake}
    assert lines["Mijn dossiers: Lopend"].count == 0


def test_a_stale_case_is_not_on_a_coordinators_home(coordinator, coordinator_client):
    CaseFactory(case_worker=coordinator, status=Case.Status.INTAKE, opened_on=days(-90))

    assert STALE not in home(coordinator_client)


def test_an_agreement_ending_in_45_days_is_on_the_coordinators_home(coordinator_client):
    ending = AgreementFactory(end_date=days(45))
    AgreementFactory(municipality=municipality("11002"), end_date=days(90))

    line = home(coordinator_client)[ENDING]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (1, "eerste over 45 dagen", [ending.pk])


def test_an_agreement_ended_without_successor_is_on_the_coordinators_home(coordinator_client):
    ended = AgreementFactory(end_date=days(-30))
    AgreementFactory(municipality=municipality("11002"), end_date=days(-30))
    AgreementFactory(municipality=municipality("11002"), start_date=days(-29))

    line = home(coordinator_client)[ENDED]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (1, "oudste 30 dagen geleden", [ended.pk])


def test_an_offer_whose_follow_up_date_passed_is_on_the_coordinators_home(coordinator_client):
    due = OutreachFactory(follow_up_on=days(-3))
    OutreachFactory(follow_up_on=days(3))
    OutreachFactory(follow_up_on=days(-3), status=Outreach.Status.NEGOTIATING, status_date=days(-1))
    OutreachFactory(follow_up_on=days(-3), status=Outreach.Status.ACCEPTED, status_date=days(-4))

    line = home(coordinator_client)[FOLLOW_UP]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (1, "oudste 3 dagen geleden", [due.pk])


def test_a_session_with_a_waiting_list_is_on_the_coordinators_home(coordinator_client):
    waiting = TrainingSessionFactory(date=days(10), capacity=1)
    RegistrationFactory(session=waiting)
    RegistrationFactory(session=waiting, status=Registration.Status.WAITING)
    full = TrainingSessionFactory(date=days(5), capacity=1)
    RegistrationFactory(session=full)
    later = TrainingSessionFactory(date=days(40), capacity=1)
    RegistrationFactory(session=later, status=Registration.Status.WAITING)

    line = home(coordinator_client)[SESSIONS]

    assert (line.count, line.detail, listed(coordinator_client, line)) == (1, "eerste over 10 dagen", [waiting.pk])


def test_the_data_quality_findings_are_counted_as_the_quality_page_lists_them(coordinator_client):
    CaseFactory(municipality=None)

    line = home(coordinator_client)[QUALITY]

    assert line.count == sum(check.count for check in data_quality()) > 0
    assert line.url == reverse("reports:quality")


def test_a_case_worker_does_not_see_the_coordinators_lines(case_worker_client):
    AgreementFactory(end_date=days(45))
    OutreachFactory(follow_up_on=days(-3))

    lines = home(case_worker_client)

    assert not {ENDING, ENDED, FOLLOW_UP, SESSIONS, QUALITY} & set(lines)


def test_an_empty_line_says_so_in_a_word(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))

    assert re.search(rf'{ENDING}:\s*<span class="staff-home-count">geen</span>', response.text)


def records_of_each_kind(person, municipalities):
    """One record for each line of the home per municipality given."""
    for place in municipalities:
        case = CaseFactory(case_worker=person, municipality=place, opened_on=days(-60), funding_basis=Case.FundingBasis.PER_CASE)
        Activity.objects.create(case=case, kind=Activity.Kind.NOTE, date=days(-45))
        AgreementFactory(municipality=place, start_date=days(-400), end_date=days(-300))
        AgreementFactory(municipality=place, start_date=days(-200), end_date=days(20))
        OutreachFactory(organisation=factories.OrganisationFactory(municipality=place), follow_up_on=days(-2))
        RegistrationFactory(session=TrainingSessionFactory(date=days(7), capacity=5), status=Registration.Status.WAITING)


def test_the_home_takes_the_same_number_of_queries_with_1_or_20_records_of_each_kind(coordinator, django_assert_num_queries):
    coordinator.groups.add(*factories.case_worker().groups.all())
    places = list(Municipality.objects.existing_on(TODAY).order_by("nis_code")[:20])
    records_of_each_kind(coordinator, places[:1])
    with CaptureQueriesContext(connection) as with_one:
        staff_home(coordinator)

    records_of_each_kind(coordinator, places[1:])
    with django_assert_num_queries(len(with_one)):
        lines = {line.label: line.count for line in staff_home(coordinator)}

    assert [lines[label] for label in (TRIAGE, APPROVALS, STALE, ENDING, FOLLOW_UP, SESSIONS)] == [20] * 6


def test_the_admin_index_puts_the_tasks_first_and_the_technical_apps_last(client):
    """A superuser sees every app, the sign-in machinery included."""
    sign_in(client, UserFactory(is_staff=True, is_superuser=True))

    apps = [app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]]

    assert apps[:4] == ["partnerships", "cases", "trainings", "reports"]
    assert apps[4:] == ["core", "auth", "axes", "otp_totp", "otp_static"]


def test_the_admin_index_links_to_the_reports_and_the_case_list(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))

    assert f'href="{reverse("reports:index")}"' in response.text and f'href="{reverse("cases:list")}"' in response.text


# Acting from the lists: the admin actions write through the partnerships services.


def act(client, model, records, action, *, worklist="", **fields):
    """Run an admin action on `records` from a list (a home's `worklist`); `fields` fill in its intermediate form."""
    data = {"action": action, "_selected_action": [record.pk for record in records]}
    if fields:
        data |= {"apply": "1", **fields}
    return client.post(reverse(f"admin:partnerships_{model}_changelist") + (f"?vandaag={worklist}" if worklist else ""), data)


def test_an_ending_agreement_is_extended_from_the_list(coordinator_client):
    ending = AgreementFactory(end_date=days(45))

    act(coordinator_client, "agreement", [ending], "extend", worklist="loopt_af", day=days(400).strftime("%d/%m/%Y"))

    ending.refresh_from_db()
    assert ending.end_date == days(400)
    assert ENDING not in {label for label, line in home(coordinator_client).items() if line.count}


def test_the_extension_asks_for_the_date_first(coordinator_client):
    response = act(coordinator_client, "agreement", [AgreementFactory(end_date=days(45))], "extend")

    assert response.status_code == 200 and "Overeenkomsten verlengen tot" in response.text


def test_an_extension_before_the_current_end_is_refused_in_dutch(coordinator_client):
    ending = AgreementFactory(end_date=days(45))

    response = act(coordinator_client, "agreement", [ending], "extend", day=days(10).strftime("%d/%m/%Y"))

    ending.refresh_from_db()
    assert ending.end_date == days(45)
    assert "Een verlenging eindigt na de huidige einddatum" in coordinator_client.get(response.url).text


def test_an_agreement_is_ended_from_the_list(coordinator_client):
    running = AgreementFactory(end_date=None)

    act(coordinator_client, "agreement", [running], "end", day=days(20).strftime("%d/%m/%Y"))

    running.refresh_from_db()
    assert running.end_date == days(20)


def test_an_agreement_cannot_end_before_it_began(coordinator_client):
    running = AgreementFactory(start_date=days(-10), end_date=None)

    act(coordinator_client, "agreement", [running], "end", day=days(-20).strftime("%d/%m/%Y"))

    running.refresh_from_db()
    assert running.end_date is None


def test_a_mistyped_date_is_asked_again_in_dutch(coordinator_client):
    response = act(coordinator_client, "agreement", [AgreementFactory(end_date=days(45))], "extend", day="31/02/2026")

    assert response.status_code == 200 and "Voer een geldige datum in." in response.text


def test_a_case_worker_cannot_extend_an_agreement(case_worker_client):
    ending = AgreementFactory(end_date=days(45))

    act(case_worker_client, "agreement", [ending], "extend", day=days(400).strftime("%d/%m/%Y"))

    ending.refresh_from_db()
    assert ending.end_date == days(45)


def test_an_offers_answer_is_recorded_with_its_next_follow_up(coordinator_client):
    due = OutreachFactory(follow_up_on=days(-3))

    act(
        coordinator_client,
        "outreach",
        [due],
        "answer",
        worklist="opvolgen",
        status=Outreach.Status.NEGOTIATING,
        on=TODAY.strftime("%d/%m/%Y"),
        follow_up_on=days(14).strftime("%d/%m/%Y"),
    )

    due.refresh_from_db()
    assert (due.status, due.status_date, due.follow_up_on) == (Outreach.Status.NEGOTIATING, TODAY, days(14))
    assert home(coordinator_client)[FOLLOW_UP].count == 0


def test_a_refusal_without_a_reason_is_not_recorded(coordinator_client):
    due = OutreachFactory(follow_up_on=days(-3))

    act(coordinator_client, "outreach", [due], "answer", status=Outreach.Status.DECLINED, on=TODAY.strftime("%d/%m/%Y"))

    due.refresh_from_db()
    assert due.status == Outreach.Status.NO_ANSWER


def test_the_home_speaks_english_to_those_who_chose_it(coordinator_client):
    AgreementFactory(end_date=days(1))
    coordinator_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    line = home(coordinator_client)["Agreements ending within 60 days"]

    assert (line.count, line.detail) == (1, "first in 1 day")
