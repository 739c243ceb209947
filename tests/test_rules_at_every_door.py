"""A rule written in a service or a model's clean() holds through every door (the API, the admin, the portal), in Dutch."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import Approval, Case, Entrepreneur, PayerLine, Referral
from partnerships.models import Membership, Organisation, Outreach
from reports.models import QuestionSet
from tests.factories import CaseFactory, OrganisationFactory, OutreachFactory, UserFactory, municipality, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.fixture
def gent_ocmw():
    return Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)


def test_the_api_refuses_a_declined_offer_without_a_reason(coordinator_api, gent_ocmw):
    response = coordinator_api.post(
        "/api/v1/outreach/",
        {"organisation": gent_ocmw.pk, "sent_on": "2024-01-10", "status": "geweigerd", "status_date": "2024-02-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["decline_reason"] == ["Geef de reden van de weigering op."]
    assert not Outreach.objects.exists()


def test_the_api_refuses_to_change_an_offer_into_a_refusal_without_a_reason(coordinator_api, gent_ocmw):
    outreach = OutreachFactory(organisation=gent_ocmw)

    response = coordinator_api.patch(f"/api/v1/outreach/{outreach.pk}/", {"status": "geweigerd"}, format="json")

    assert response.status_code == 400 and "Geef de reden van de weigering op." in response.json()["decline_reason"]
    outreach.refresh_from_db()
    assert outreach.status != Outreach.Status.DECLINED


def test_the_api_refuses_an_offer_whose_status_starts_before_it_was_sent(coordinator_api, gent_ocmw):
    response = coordinator_api.post(
        "/api/v1/outreach/",
        {"organisation": gent_ocmw.pk, "sent_on": "2024-03-01", "status": "in_onderhandeling", "status_date": "2024-02-01"},
        format="json",
    )

    assert response.status_code == 400 and "status_date" in response.json()


def test_the_api_refuses_an_organisation_with_a_malformed_email(coordinator_api, gent_ocmw):
    response = coordinator_api.patch(f"/api/v1/organisations/{gent_ocmw.pk}/", {"email": "geen adres"}, format="json")

    assert response.status_code == 400 and "email" in response.json()
    gent_ocmw.refresh_from_db()
    assert gent_ocmw.email != "geen adres"


# The admin: workflow records are written on their own page, through their service.


def test_the_admin_refuses_a_participant_payment_over_the_cap(coordinator_client):
    case = CaseFactory()
    PayerLine.objects.create(case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("150"), paid_on=date(2024, 1, 5))

    response = coordinator_client.post(
        reverse("admin:cases_payerline_add"), {"case": case.pk, "payer": "deelnemer", "amount": "60", "paid_on": "01/03/2024"}
    )

    assert response.status_code == 200
    assert "De deelnemer betaalt maximaal 200 euro per traject" in response.text
    assert case.payer_lines.count() == 1


def test_the_admin_refuses_raising_a_participant_payment_over_the_cap(coordinator_client):
    case = CaseFactory()
    PayerLine.objects.create(case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("150"), paid_on=date(2024, 1, 5))
    line = PayerLine.objects.create(case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("50"), paid_on=date(2024, 2, 5))

    response = coordinator_client.post(
        reverse("admin:cases_payerline_change", args=[line.pk]),
        {"case": case.pk, "payer": "deelnemer", "amount": "51", "paid_on": "05/02/2024"},
    )

    assert "De deelnemer betaalt maximaal 200 euro per traject" in response.text
    line.refresh_from_db()
    assert line.amount == Decimal("50")


def test_the_admin_saves_a_participant_payment_within_the_cap(coordinator_client):
    case = CaseFactory()

    response = coordinator_client.post(
        reverse("admin:cases_payerline_add"), {"case": case.pk, "payer": "deelnemer", "amount": "200", "paid_on": "01/03/2024"}
    )

    assert response.status_code == 302 and case.payer_lines.get().amount == Decimal("200")


def test_the_admin_refuses_an_approval_for_a_case_that_needs_none(coordinator_client, gent_ocmw):
    case = CaseFactory(funding_basis=Case.FundingBasis.OWN_COST)

    response = coordinator_client.post(
        reverse("admin:cases_approval_add"),
        {
            "case": case.pk,
            "organisation": gent_ocmw.pk,
            "decision": "goedgekeurd",
            "amount": "500",
            "decided_by_name": "Jan",
            "decided_on": "01/03/2024",
        },
    )

    assert "Alleen een dossier per dossier heeft een akkoord" in response.text
    assert not Approval.objects.exists()


def test_the_admin_refuses_an_approval_from_another_municipality(coordinator_client):
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE)
    antwerpen = Organisation.objects.get(municipality=municipality("11002"), kind=Organisation.Kind.OCMW)

    response = coordinator_client.post(
        reverse("admin:cases_approval_add"),
        {
            "case": case.pk,
            "organisation": antwerpen.pk,
            "decision": "goedgekeurd",
            "amount": "500",
            "decided_by_name": "Jan",
            "decided_on": "01/03/2024",
        },
    )

    assert "Alleen het lokale bestuur van de gemeente van het dossier kan beslissen." in response.text
    assert not Approval.objects.exists()


def test_the_admin_refuses_a_referral_to_a_gemeente(coordinator_client):
    case = CaseFactory()
    gemeente = OrganisationFactory(municipality=municipality("44021"), kind=Organisation.Kind.GEMEENTE)

    response = coordinator_client.post(
        reverse("admin:cases_referral_add"),
        {"case": case.pk, "ocmw": gemeente.pk, "referred_on": "01/03/2024", "reason": "Schulden", "outcome": "in_behandeling"},
    )

    assert response.status_code == 200 and not Referral.objects.exists()


def test_the_case_page_shows_workflow_records_without_editing_them(coordinator_client):
    case = CaseFactory()
    PayerLine.objects.create(case=case, payer=PayerLine.Payer.DYZO, amount=Decimal("300"), paid_on=date(2024, 1, 5))

    response = coordinator_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    assert response.status_code == 200
    assert 'name="payer_lines-0-amount"' not in response.text and "300" in response.text


# The partner portal.


def test_a_partner_cannot_approve_an_amount_beyond_what_the_record_holds(partner_admin_client):
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE)

    response = partner_admin_client.post(
        reverse("portal:approve", args=[case.pk]),
        {"decision": "goedgekeurd", "amount": "99999999999", "decided_by_name": "Jan Peeters"},
    )

    assert response.status_code == 200 and not Approval.objects.exists()


def test_a_case_the_partner_referred_from_another_municipality_is_not_theirs_to_approve(partner_admin_client, gent_ocmw):
    case = CaseFactory(
        funding_basis=Case.FundingBasis.PER_CASE, municipality=municipality("11002"), referring_organisation=gent_ocmw
    )

    response = partner_admin_client.post(
        reverse("portal:approve", args=[case.pk]),
        {"decision": "goedgekeurd", "amount": "500", "decided_by_name": "Jan Peeters"},
    )

    assert response.status_code == 404 and not Approval.objects.exists()


def test_a_partner_of_a_merged_municipality_refers_to_the_merged_municipality(client):
    borsbeek = OrganisationFactory(municipality=municipality("11007"), kind=Organisation.Kind.OCMW)
    user = UserFactory()
    Membership.objects.create(user=user, organisation=borsbeek)
    sign_in(client, user)

    response = client.post(
        reverse("portal:referral"), {"name": "Bakkerij Peeters", "phase": Case.Phase.RESCUE, "situation": "Schulden bij de RSZ."}
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert case.municipality.name_nl == "Antwerpen" and case.referring_organisation == borsbeek
    assert case.entrepreneur.municipality == case.municipality


def test_a_refused_referral_leaves_no_entrepreneur_behind(partner_admin_client, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("Geweigerd om te testen.")

    monkeypatch.setattr(services, "open_case", refuse)

    response = partner_admin_client.post(
        reverse("portal:referral"), {"name": "Bakkerij Peeters", "phase": Case.Phase.RESCUE, "situation": "Schulden."}
    )

    assert response.status_code == 200 and "Geweigerd om te testen." in response.text
    assert not Entrepreneur.objects.exists()


def change_form_data(page) -> dict:
    """What the admin change form would post back unchanged: the form's and its inlines' current values."""
    forms = [page.context["adminform"].form]
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms += inline.formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[form.add_prefix(name)] = field.prepare_value(value) if value is not None else ""
    return data


def test_the_admin_refuses_a_question_with_an_unknown_figure(coordinator_client):
    question_set = QuestionSet.objects.get(slug="samenwerking")
    url = reverse("admin:reports_questionset_change", args=[question_set.pk])
    data = change_form_data(coordinator_client.get(url))

    response = coordinator_client.post(url, {**data, "questions-0-figures": '["coverage", "dekking"]'})

    assert "Onbekende cijfers: dekking." in response.text
    assert not any("dekking" in question.figures for question in question_set.questions.all())
