"""The staff admin: Dutch, with the filters staff need, history, and the offer PDF."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import Agreement
from tests.factories import AgreementFactory, OrganisationFactory, TariffBandFactory, municipality
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


NO_CONSULTATION_DAYS = {"consultation_days-TOTAL_FORMS": 0, "consultation_days-INITIAL_FORMS": 0}


def changelist(client, model, **params):
    return client.get(reverse(f"admin:partnerships_{model}_changelist"), params)


def test_the_admin_speaks_dutch(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))

    assert "Samenwerking" in response.text and "Gemeenten" in response.text


def test_municipalities_can_be_searched_by_nis_code(coordinator_client):
    response = changelist(coordinator_client, "municipality", q="44083")

    assert [m.nis_code for m in response.context["cl"].result_list] == ["44083"]


def test_municipalities_can_be_filtered_by_period(coordinator_client):
    response = changelist(coordinator_client, "municipality", periode="2025")

    assert response.context["cl"].result_count == 285


def test_municipalities_can_be_filtered_by_province_and_period(coordinator_client):
    limburg = municipality("71022").province

    response = changelist(coordinator_client, "municipality", periode="2016-2018", province__id__exact=limburg.pk)

    assert response.context["cl"].result_count == 44


def test_municipalities_can_be_filtered_by_population_band(coordinator_client):
    response = changelist(coordinator_client, "municipality", periode="2016-2018", bevolking="100001-")

    assert {m.name_nl for m in response.context["cl"].result_list} == {"Antwerpen", "Gent", "Brugge", "Leuven"}


def test_municipalities_can_be_filtered_by_their_status_today(coordinator_client):
    AgreementFactory(municipality=municipality("11001"), form=Agreement.Form.PER_CASE)

    response = changelist(coordinator_client, "municipality", status=Agreement.Form.PER_CASE)

    assert [m.nis_code for m in response.context["cl"].result_list] == ["11001"]


def test_agreements_can_be_filtered_by_the_date_they_are_in_force(coordinator_client):
    AgreementFactory(municipality=municipality("11001"), end_date=datetime.date(2017, 12, 31))
    AgreementFactory(municipality=municipality("11004"), start_date=datetime.date(2018, 1, 1))

    response = changelist(coordinator_client, "agreement", van_kracht_op="2017-06-30")

    assert [a.municipality.nis_code for a in response.context["cl"].result_list] == ["11001"]


def test_an_organisation_page_lists_its_agreements(coordinator_client):
    ocmw = OrganisationFactory(municipality=municipality("11001"))
    AgreementFactory(municipality=ocmw.municipality, form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)

    response = coordinator_client.get(reverse("admin:partnerships_organisation_change", args=[ocmw.pk]))

    assert "Overeenkomst met zitdag" in response.text


def test_an_agreement_saved_in_the_admin_is_validated_against_overlaps(coordinator_client):
    gent = municipality("44021")
    AgreementFactory(municipality=gent)

    response = coordinator_client.post(
        reverse("admin:partnerships_agreement_add"),
        {"municipality": gent.pk, "party": "ocmw", "form": "per_dossier", "start_date": "01/06/2018", **NO_CONSULTATION_DAYS},
    )

    assert "heeft al een overeenkomst in die periode" in response.text
    assert Agreement.objects.count() == 1


def test_staff_plan_the_zitdagen_of_an_agreement_with_zitdag(coordinator_client):
    gent = municipality("44021")
    coordinator_client.post(
        reverse("admin:partnerships_agreement_add"),
        {
            "municipality": gent.pk,
            "party": "ocmw",
            "form": "overeenkomst_met_zitdag",
            "start_date": "01/01/2026",
            "consultation_schedule": "eerste dinsdag",
            "consultation_days-TOTAL_FORMS": 1,
            "consultation_days-INITIAL_FORMS": 0,
            "consultation_days-0-date": "02/02/2027",
            "consultation_days-0-hours": "9-12 uur",
        },
    )

    assert [str(day) for day in Agreement.objects.get().consultation_days.all()] == ["Gent: 02/02/2027"]


def test_the_history_shows_who_changed_an_agreement(coordinator, coordinator_client):
    gent = municipality("44021")
    coordinator_client.post(
        reverse("admin:partnerships_agreement_add"),
        {"municipality": gent.pk, "party": "ocmw", "form": "per_dossier", "start_date": "01/06/2018", **NO_CONSULTATION_DAYS},
    )
    agreement = Agreement.objects.get()

    response = coordinator_client.get(reverse("admin:partnerships_agreement_history", args=[agreement.pk]))

    assert coordinator.get_username() in response.text


def test_the_offer_pdf_shows_the_three_options_and_the_suggested_fee(coordinator_client):
    TariffBandFactory(min_population=0, max_population=20_000, annual_fee=1250, is_illustrative=True)
    aartselaar = municipality("11001")

    response = coordinator_client.get(
        reverse("admin:partnerships_municipality_offer", args=[aartselaar.pk]), {"op": "2018-06-01"}
    )

    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    for expected in [
        "Aartselaar",
        "Advies op afstand",
        "Samenwerking per dossier",
        "Jaarabonnement",
        "14.304",
        "€ 1.250,00",
        "Illustratief",
    ]:
        assert expected in text


def test_the_offer_pdf_is_for_staff_only(client):
    response = client.get(reverse("admin:partnerships_municipality_offer", args=[municipality("11001").pk]))

    assert response.status_code == 302
