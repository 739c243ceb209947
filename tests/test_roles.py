"""Dyzo staff roles: case workers follow cases and read the rest; coordinators also manage it."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import CaseFactory, municipality

pytestmark = pytest.mark.django_db

AGREEMENT = {"municipality": None, "party": "ocmw", "form": "per_dossier", "start_date": "2024-01-01"}


def test_a_case_worker_edits_cases_in_the_admin(case_worker_client):
    case = CaseFactory()

    assert case_worker_client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 200


def test_a_case_worker_reads_agreements_but_cannot_add_one(case_worker_client):
    assert case_worker_client.get(reverse("admin:partnerships_agreement_changelist")).status_code == 200
    assert case_worker_client.get(reverse("admin:partnerships_agreement_add")).status_code == 403


def test_a_coordinator_adds_agreements(coordinator_client):
    assert coordinator_client.get(reverse("admin:partnerships_agreement_add")).status_code == 200


def test_a_case_worker_cannot_create_agreements_through_the_api(case_worker):
    api = APIClient()
    api.force_authenticate(case_worker)

    response = api.post("/api/v1/agreements/", {**AGREEMENT, "municipality": municipality("44021").pk}, format="json")

    assert response.status_code == 403


def test_a_coordinator_creates_agreements_through_the_api(coordinator):
    api = APIClient()
    api.force_authenticate(coordinator)

    response = api.post("/api/v1/agreements/", {**AGREEMENT, "municipality": municipality("44021").pk}, format="json")

    assert response.status_code == 201


def test_only_coordinators_see_the_freeze_button(case_worker_client):
    page = case_worker_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "Bevriezen en bewaren" not in page
