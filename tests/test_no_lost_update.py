"""Two people change one record: the later save, based on what it saw, is refused and loses nothing."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partnerships.models import Agreement
from tests import factories
from tests.factories import AgreementFactory, municipality, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return AgreementFactory(
        municipality=municipality("44021"), party="ocmw", form="overeenkomst_zonder_zitdag", annual_fee=Decimal("1000")
    )


def another_coordinator() -> Client:
    client = Client()
    sign_in(client, factories.coordinator())
    return client


def form_data(agreement: Agreement, **changes) -> dict:
    data = {
        "municipality": agreement.municipality_id,
        "party": agreement.party,
        "form": agreement.form,
        "start_date": agreement.start_date.strftime("%d/%m/%Y"),
        "end_date": "",
        "signed_on": "",
        "annual_fee": str(agreement.annual_fee),
        "consultation_schedule": "",
        "consultation_place": "",
        "notes": agreement.notes,
        "seen_version": agreement.version,
        "consultation_days-TOTAL_FORMS": 0,
        "consultation_days-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_each_save_raises_the_version(agreement):
    agreement.notes = "Gebeld."
    agreement.save()

    assert Agreement.objects.get(pk=agreement.pk).version == 2


def test_a_save_based_on_an_old_version_is_refused_in_dutch_and_both_changes_survive(agreement):
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    first, second = another_coordinator(), another_coordinator()
    seen_by_both = form_data(agreement)

    first.post(url, {**seen_by_both, "notes": "Schepen belt terug."})
    refused = second.post(url, {**seen_by_both, "annual_fee": "1200"})

    assert refused.status_code == 200
    assert "Iemand anders heeft dit record intussen gewijzigd." in refused.text
    assert "Hun wijzigingen staan nu in het formulier: notities." in refused.text
    assert "Schepen belt terug." in refused.text and 'value="1200"' in refused.text
    assert Agreement.objects.get(pk=agreement.pk).annual_fee == Decimal("1000")

    again = second.post(url, refused.context["adminform"].form.data)

    saved = Agreement.objects.get(pk=agreement.pk)
    assert again.status_code == 302
    assert saved.notes == "Schepen belt terug." and saved.annual_fee == Decimal("1200")


def test_a_field_both_people_changed_keeps_what_the_second_typed_and_says_so(agreement):
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    first, second = another_coordinator(), another_coordinator()
    seen_by_both = form_data(agreement)

    first.post(url, {**seen_by_both, "notes": "Versie van de eerste."})
    refused = second.post(url, {**seen_by_both, "notes": "Versie van de tweede."})

    assert "is intussen ook door hen gewijzigd: notities" in refused.text
    assert "Versie van de tweede." in refused.text


def test_the_api_answers_with_the_version_as_etag(agreement, coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)

    response = client.get(f"/api/v1/agreements/{agreement.pk}/")

    assert response["ETag"] == '"1"' and response.json()["version"] == 1


def test_the_api_refuses_a_patch_based_on_an_old_version_with_412(agreement, coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    url = f"/api/v1/agreements/{agreement.pk}/"
    client.patch(url, {"notes": "Eerste."}, format="json", HTTP_IF_MATCH='"1"')

    response = client.patch(url, {"annual_fee": "1200.00"}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 412 and response.json()["detail"] == "Iemand anders heeft dit record intussen gewijzigd."
    assert Agreement.objects.get(pk=agreement.pk).annual_fee == Decimal("1000")


def test_the_api_accepts_a_patch_on_the_current_version_and_answers_the_next(agreement, coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)

    response = client.patch(f"/api/v1/agreements/{agreement.pk}/", {"notes": "Eerste."}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200 and response["ETag"] == '"2"'
