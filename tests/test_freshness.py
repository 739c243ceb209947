"""Cached pages never outlive a change: every committed write raises the data generation of its app."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import AccessLog, Case
from cases.privacy import anonymise_cases
from core import freshness
from core.freshness import cached, current_generations, data_changed
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
from tests.test_security import PASSWORD, current_code

pytestmark = pytest.mark.django_db
USER_APP = get_user_model()._meta.app_label


@pytest.fixture
def on_real_commits(monkeypatch):
    """Undo the tests' shortcut (conftest `fresh_cache`): raise the generation only on commit."""
    monkeypatch.setattr(freshness, "on_commit", transaction.on_commit)


def generation(app_label: str) -> int:
    return current_generations().get(app_label, 0)


def test_a_change_raises_the_generation_of_its_app_once_it_commits(on_real_commits, django_capture_on_commit_callbacks):
    before = generation("partnerships")

    with django_capture_on_commit_callbacks(execute=True):
        AgreementFactory()
        assert generation("partnerships") == before

    assert generation("partnerships") > before


def test_a_change_that_is_rolled_back_leaves_the_generation(on_real_commits, django_capture_on_commit_callbacks):
    before = current_generations()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        AgreementFactory()
        raise RuntimeError

    assert current_generations() == before


def test_the_access_log_leaves_the_generations(partner_admin):
    before = current_generations()

    AccessLog.objects.create(user=partner_admin, case=None, action="dossier bekeken", path="/partner/dossiers/1/")

    assert current_generations() == before


def test_bulk_updates_of_anonymisation_raise_the_generation():
    case = CaseFactory(
        opened_on=datetime.date(2015, 1, 5),
        status=Case.Status.CLOSED,
        outcome=Case.Outcome.SAVED,
        closed_on=datetime.date(2015, 6, 1),
    )
    before = generation("cases")

    anonymise_cases(cases=Case.objects.filter(pk=case.pk))

    assert generation("cases") > before


def test_loading_the_reference_data_raises_the_generation():
    before = generation("partnerships")

    load_reference_data()

    assert generation("partnerships") > before


def test_a_change_in_cases_leaves_the_trainings_generation():
    before = generation("trainings")

    CaseFactory()

    assert generation("trainings") == before


def test_a_change_to_a_user_raises_the_generation_of_the_users_app(partner_admin):
    before = generation(USER_APP)

    partner_admin.is_staff = True
    partner_admin.save()

    assert generation(USER_APP) > before


def test_a_sign_in_raises_no_generation(client, partner_admin):
    before = current_generations()

    response = client.post(reverse("login"), {"username": partner_admin.email, "password": PASSWORD})

    assert response.status_code == 302 and current_generations() == before


def test_a_sign_in_with_an_authenticator_code_raises_no_generation(client, coordinator):
    user = coordinator
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    before = current_generations()

    response = client.post(reverse("two_factor"), {"token": current_code(device), "next": reverse("admin:index")})

    assert response["Location"] == reverse("admin:index") and current_generations() == before


def test_a_wrong_authenticator_code_raises_no_generation(client, coordinator):
    user = coordinator
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    before = current_generations()

    client.post(reverse("two_factor"), {"token": "000000"})

    assert current_generations() == before


def test_a_device_save_that_changes_more_than_bookkeeping_raises_its_generation(partner_admin):
    """django-otp saves devices without `update_fields`, so the stored row tells what changed."""
    device = TOTPDevice.objects.create(user=partner_admin, name="telefoon", confirmed=False)
    before = generation("otp_totp")

    device.last_t += 1
    device.confirmed = True
    device.save()

    assert generation("otp_totp") > before


def test_a_misspelt_app_label_is_refused():
    with pytest.raises(ValueError):
        data_changed("case")


def test_an_entry_stays_cached_when_only_an_app_it_does_not_read_changes(rf):
    cached(rf.get("/"), "trainings-only", apps={"trainings"}, compute=lambda: "first")
    CaseFactory()

    assert cached(rf.get("/"), "trainings-only", apps={"trainings"}, compute=lambda: "second") == "first"


def test_an_entry_is_computed_again_when_an_app_it_reads_changes(rf):
    cached(rf.get("/"), "cases-only", apps={"cases"}, compute=lambda: "first")
    CaseFactory()

    assert cached(rf.get("/"), "cases-only", apps={"cases"}, compute=lambda: "second") == "second"


def test_the_dashboard_shows_a_case_that_arrived_after_it_was_cached(partner_admin_client):
    partner_admin_client.get(reverse("portal:dashboard"))
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert f"Dossier {case.pk}, {case.entrepreneur.name} (geopend 01/03/2020)" in response.content.decode()


def test_a_repeated_dashboard_comes_from_the_cache(partner_admin_client, django_assert_max_num_queries):
    partner_admin_client.get(reverse("portal:dashboard"))

    with django_assert_max_num_queries(3):  # session, user, data generations
        response = partner_admin_client.get(reverse("portal:dashboard"))

    assert response.status_code == 200


def test_the_cached_dashboard_follows_the_chosen_language(partner_admin_client):
    partner_admin_client.get(reverse("portal:dashboard"))
    partner_admin_client.post(reverse("set_language"), {"language": "en", "next": "/partner/"})

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "Agreements your organisation works under" in response.content.decode()


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
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 12, 31))  # the last complete year: 2025
    coordinator_client.get(url)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2027, 1, 1))  # now 2026

    response = coordinator_client.get(url)

    assert "Groep van 2026" in response.content.decode()
