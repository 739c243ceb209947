"""Cached pages never outlive a change: every committed write raises the data generation."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import AccessLog, Case
from cases.privacy import anonymise_cases
from core import freshness
from core.freshness import current_generation
from partnerships.models import Membership
from partnerships.reference_data import load_reference_data
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    EntrepreneurFactory,
    TrainingSessionFactory,
    municipality,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_real_commits(monkeypatch):
    """Undo the tests' shortcut (conftest `fresh_cache`): raise the generation only on commit."""
    monkeypatch.setattr(freshness, "on_commit", transaction.on_commit)


def test_a_change_raises_the_generation_once_it_commits(on_real_commits, django_capture_on_commit_callbacks):
    before = current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        AgreementFactory()
        assert current_generation() == before

    assert current_generation() > before


def test_a_change_that_is_rolled_back_leaves_the_generation(on_real_commits, django_capture_on_commit_callbacks):
    before = current_generation()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        AgreementFactory()
        raise RuntimeError

    assert current_generation() == before


def test_the_access_log_leaves_the_generation(partner_admin):
    before = current_generation()

    AccessLog.objects.create(user=partner_admin, case=None, action="dossier bekeken", path="/partner/dossiers/1/")

    assert current_generation() == before


def test_bulk_updates_of_anonymisation_raise_the_generation():
    case = CaseFactory(
        opened_on=datetime.date(2015, 1, 5),
        status=Case.Status.CLOSED,
        outcome=Case.Outcome.SAVED,
        closed_on=datetime.date(2015, 6, 1),
    )
    before = current_generation()

    anonymise_cases(cases=Case.objects.filter(pk=case.pk))

    assert current_generation() > before


def test_loading_the_reference_data_raises_the_generation():
    before = current_generation()

    load_reference_data()

    assert current_generation() > before


def test_the_dashboard_shows_a_case_that_arrived_after_it_was_cached(partner_admin_client):
    partner_admin_client.get(reverse("portal:dashboard"))
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert f"Dossier {case.pk} (geopend 01/03/2020)" in response.content.decode()


def test_a_repeated_dashboard_comes_from_the_cache(partner_admin_client, django_assert_max_num_queries):
    partner_admin_client.get(reverse("portal:dashboard"))

    with django_assert_max_num_queries(3):  # session, user, data generation
        response = partner_admin_client.get(reverse("portal:dashboard"))

    assert response.status_code == 200


def test_the_cached_dashboard_follows_the_chosen_language(partner_admin_client):
    partner_admin_client.get(reverse("portal:dashboard"))
    partner_admin_client.post(reverse("set_language"), {"language": "en", "next": "/partner/"})

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "Your organisation's agreements" in response.content.decode()


def test_a_partner_whose_membership_ends_is_refused_at_once(partner_admin_client, partner_admin):
    partner_admin_client.get(reverse("portal:dashboard"))
    Membership.objects.filter(user=partner_admin).delete()

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert response.status_code == 403


def test_a_partner_who_sets_up_an_authenticator_is_asked_for_a_code_at_once(partner_admin_client, partner_admin):
    partner_admin_client.get(reverse("portal:dashboard"))
    TOTPDevice.objects.create(user=partner_admin, name="telefoon", confirmed=True)

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))


def test_the_staff_case_list_shows_a_case_opened_after_it_was_cached(coordinator_client):
    coordinator_client.get(reverse("cases:list"))
    CaseFactory(entrepreneur=EntrepreneurFactory(name="Bakkerij Vandamme"))

    response = coordinator_client.get(reverse("cases:list"))

    assert "Bakkerij Vandamme" in response.content.decode()


def test_a_figure_page_shows_a_session_added_after_it_was_cached(coordinator_client):
    url = reverse("reports:figure", args=["trainings"]) + "?van=2024&tot=2024"
    coordinator_client.get(url)
    TrainingSessionFactory(date=datetime.date(2024, 5, 14), target_group="Budgetbegeleiders van de regio")

    response = coordinator_client.get(url)

    assert "Budgetbegeleiders van de regio" in response.content.decode()


def test_an_api_list_shows_an_agreement_added_after_it_was_cached(coordinator_client):
    coordinator_client.get("/api/v1/agreements/")
    AgreementFactory()

    response = coordinator_client.get("/api/v1/agreements/")

    assert response.json()["count"] == 1


def test_an_api_list_cached_for_staff_is_not_shown_to_a_partner(coordinator_client, partner_admin):
    AgreementFactory(municipality=municipality("11002"))
    coordinator_client.get("/api/v1/agreements/")
    sign_in(coordinator_client, partner_admin)

    response = coordinator_client.get("/api/v1/agreements/")

    assert response.json()["count"] == 0


def test_a_cached_figure_page_moves_on_with_the_day(coordinator_client, monkeypatch):
    TrainingSessionFactory(date=datetime.date(2025, 5, 14), target_group="Groep van 2025")
    TrainingSessionFactory(date=datetime.date(2026, 5, 14), target_group="Groep van 2026")
    url = reverse("reports:figure", args=["trainings"])
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2025, 12, 31))
    coordinator_client.get(url)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 1, 1))

    response = coordinator_client.get(url)

    assert "Groep van 2026" in response.content.decode()
