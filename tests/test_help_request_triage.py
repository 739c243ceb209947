"""A help request from the public reaches the OCMW only after Dyzo triaged it and passed it on (issue 14.5).

The attack: an anonymous /hulp/ request showed at once, with the entrepreneur's name, in the OCMW's
portal, its API and (per case) its approvals, though the form promised discretion.
"""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import Case
from partnerships.models import Agreement
from reports.home import staff_home
from tests.factories import AgreementFactory, CaseFactory, municipality, ocmw, sign_in

pytestmark = pytest.mark.django_db

NAME = "Karel Vandenbroucke"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def per_case_gent():
    """Gent works per case, so a case there waits for the OCMW's approval of the payment."""
    return AgreementFactory(form=Agreement.Form.PER_CASE, start_date=datetime.date(2016, 1, 1))


@pytest.fixture
def help_request(client, per_case_gent):
    client.post(
        reverse("cases:help_request"),
        {
            "name": NAME,
            "email": "karel@example.org",
            "phone": "",
            "municipality": municipality("44021").pk,
            "description": "Mijn zaak loopt slecht.",
            "consent": "on",
            "website": "",
        },
    )
    return Case.objects.get(entrepreneur__name=NAME)


@pytest.fixture
def partner(partner_admin):
    partner_client = Client()
    sign_in(partner_client, partner_admin)
    return partner_client


@pytest.fixture
def partner_api(partner_admin):
    api = APIClient()
    api.force_authenticate(partner_admin)
    return api


@pytest.fixture
def staff(coordinator):
    staff_client = Client()
    sign_in(staff_client, coordinator)
    return staff_client


def refer(staff, case):
    return staff.post(reverse("cases:refer_to_local_authority", args=[case.pk]), follow=True)


def api_case_ids(api) -> list[int]:
    return [row["id"] for row in api.get("/api/v1/cases/").json()["results"]]


def test_the_partner_portal_does_not_show_an_untriaged_help_request(partner, help_request):
    assert NAME not in partner.get(reverse("portal:cases")).text
    assert NAME not in partner.get(reverse("portal:dashboard")).text
    assert partner.get(reverse("portal:case", args=[help_request.pk])).status_code == 404


def test_the_partner_api_does_not_show_an_untriaged_help_request(partner_api, help_request):
    assert help_request.pk not in api_case_ids(partner_api)
    assert partner_api.get(f"/api/v1/cases/{help_request.pk}/").status_code == 404


def test_the_partner_cannot_decide_on_an_untriaged_help_request(partner, help_request):
    assert partner.get(reverse("portal:approve", args=[help_request.pk])).status_code == 404


def test_the_staff_home_does_not_count_it_as_waiting_on_a_partner(coordinator, help_request):
    lines = {str(line.label): line.count for line in staff_home(coordinator)}

    assert lines["Dossiers per dossier die wachten op het akkoord van het lokale bestuur"] == 0
    assert lines["Aanmeldingen die wachten op triage"] == 1


def test_after_triage_and_referral_the_partner_sees_it_in_portal_and_api(staff, partner, partner_api, help_request):
    response = refer(staff, help_request)

    assert "Het dossier is doorgegeven aan het OCMW van Gent (44021)." in response.text
    assert NAME in partner.get(reverse("portal:cases")).text
    assert help_request.pk in api_case_ids(partner_api)


def test_referral_triages_the_request(staff, help_request):
    refer(staff, help_request)

    assert Case.objects.get(pk=help_request.pk).status == Case.Status.INTAKE


def test_the_approval_waits_on_the_partner_only_after_referral(staff, partner, coordinator, help_request):
    refer(staff, help_request)

    lines = {str(line.label): line.count for line in staff_home(coordinator)}
    assert lines["Dossiers per dossier die wachten op het akkoord van het lokale bestuur"] == 1
    assert partner.get(reverse("portal:approve", args=[help_request.pk])).status_code == 200
    assert reverse("portal:approve", args=[help_request.pk]) in partner.get(reverse("portal:dashboard")).text


def test_a_request_already_passed_on_is_not_passed_on_twice(staff, help_request):
    refer(staff, help_request)

    response = refer(staff, help_request)

    assert "Het lokale bestuur ziet dit dossier al." in response.text


def test_the_admin_action_triages_and_refers(staff, help_request):
    staff.post(
        reverse("admin:cases_case_changelist"),
        {"action": "refer_to_local_authority", "_selected_action": [help_request.pk]},
    )

    case = Case.objects.get(pk=help_request.pk)
    assert case.shared_with_local_authority and case.status == Case.Status.INTAKE


def test_a_case_the_partner_referred_itself_is_seen_at_once(partner, partner_admin, per_case_gent):
    case = services.refer_case(
        organisation=ocmw("44021"),
        name="Els Wuyts",
        email="els@example.org",
        phone="",
        phase=Case.Phase.RESCUE,
        situation="",
        by=partner_admin,
        on=datetime.date.today(),
    )

    assert partner.get(reverse("portal:case", args=[case.pk])).status_code == 200


def test_a_case_staff_opened_in_the_partners_municipality_is_seen_as_before(partner):
    case = CaseFactory(funding_basis=Case.FundingBasis.SUBSCRIPTION, municipality=municipality("44021"))

    assert partner.get(reverse("portal:case", args=[case.pk])).status_code == 200


def test_the_consent_names_who_will_see_the_request(client):
    text = client.get(reverse("cases:help_request")).text

    assert "Eerst lezen alleen medewerkers van Dyzo mijn vraag" in text
    assert "geeft Dyzo mijn naam en mijn vraag door aan dat OCMW" in text
