"""The case workflow, the per-case approval gate, cost sharing and referrals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import selectors, services
from cases.models import Approval, Case, PayerLine, Referral, StatusChange
from partnerships.models import Agreement, Organisation
from tests.factories import AgreementFactory, CaseFactory, EntrepreneurFactory, municipality

pytestmark = pytest.mark.django_db
Status = Case.Status


def open_in(nis_code, on=datetime.date(2020, 3, 1), by=None):
    return services.open_case(
        entrepreneur=EntrepreneurFactory(),
        municipality=municipality(nis_code, on=on),
        opened_on=on,
        channel=Case.Channel.OCMW,
        phase=Case.Phase.RESCUE,
        by=by,
    )


def test_a_new_case_starts_registered_and_records_who_opened_it(case_worker):
    case = open_in("44021", by=case_worker)

    assert case.status == Status.REGISTERED
    assert StatusChange.objects.get(case=case).changed_by == case_worker


def test_a_case_moves_from_registered_through_intake_and_ongoing_to_closed(case_worker):
    case = open_in("44021")
    for status in (Status.INTAKE, Status.ONGOING):
        services.change_status(case=case, to=status, by=case_worker)

    closed = services.change_status(
        case=case, to=Status.CLOSED, outcome=Case.Outcome.SAVED, by=case_worker, on=datetime.date(2020, 9, 1)
    )

    assert (closed.status, closed.outcome, closed.closed_on) == (Status.CLOSED, "gered", datetime.date(2020, 9, 1))
    assert list(case.status_changes.values_list("to_status", flat=True)) == ["aangemeld", "intake", "lopend", "afgesloten"]


def test_an_illegal_transition_is_refused_and_changes_nothing(case_worker):
    case = open_in("44021")

    with pytest.raises(ValidationError) as error:
        services.change_status(case=case, to=Status.ONGOING, by=case_worker)

    assert "kan niet van 'Aangemeld' naar 'Lopend' gaan" in error.value.messages[0]
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED and case.status_changes.count() == 1


def test_closing_needs_an_outcome(case_worker):
    case = open_in("44021")

    with pytest.raises(ValidationError):
        services.change_status(case=case, to=Status.CLOSED, by=case_worker)


def test_a_closed_case_stays_closed(case_worker):
    case = CaseFactory(status=Status.CLOSED, outcome=Case.Outcome.STOPPED, closed_on=datetime.date(2020, 4, 1))

    with pytest.raises(ValidationError):
        services.change_status(case=case, to=Status.INTAKE, by=case_worker)


def test_the_funding_basis_follows_the_cooperation_form_on_the_opening_day():
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.SUBSCRIPTION)
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)

    bases = [open_in(nis).funding_basis for nis in ("44021", "11002", "71022")]

    assert bases == [Case.FundingBasis.SUBSCRIPTION, Case.FundingBasis.PER_CASE, Case.FundingBasis.OWN_COST]


def test_a_per_case_case_cannot_pass_intake_without_approval(case_worker):
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)
    case = services.change_status(case=open_in("11002"), to=Status.INTAKE, by=case_worker)

    with pytest.raises(ValidationError) as error:
        services.change_status(case=case, to=Status.ONGOING, by=case_worker)

    assert "eerst moet het lokale bestuur de eenmalige betaling goedkeuren" in error.value.messages[0]


def test_a_per_case_case_proceeds_once_approved(case_worker):
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)
    case = services.change_status(case=open_in("11002"), to=Status.INTAKE, by=case_worker)
    ocmw = Organisation.objects.get(municipality=case.municipality, kind="ocmw")
    services.decide_approval(
        case=case,
        organisation=ocmw,
        decision=Approval.Decision.APPROVED,
        decided_by_name="M. Peeters",
        decided_on=datetime.date(2020, 3, 5),
        amount=Decimal("350"),
    )

    assert services.change_status(case=case, to=Status.ONGOING, by=case_worker).status == Status.ONGOING


def test_a_declined_payment_keeps_the_case_at_intake(case_worker):
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)
    case = services.change_status(case=open_in("11002"), to=Status.INTAKE, by=case_worker)
    ocmw = Organisation.objects.get(municipality=case.municipality, kind="ocmw")
    services.decide_approval(
        case=case,
        organisation=ocmw,
        decision=Approval.Decision.DECLINED,
        decided_by_name="M. Peeters",
        decided_on=datetime.date(2020, 3, 5),
        amount=None,
        reason="Geen budget meer dit jaar.",
    )

    with pytest.raises(ValidationError):
        services.change_status(case=case, to=Status.ONGOING, by=case_worker)


def test_a_subscription_case_needs_no_approval(case_worker):
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.SUBSCRIPTION)
    case = services.change_status(case=open_in("44021"), to=Status.INTAKE, by=case_worker)

    assert services.change_status(case=case, to=Status.ONGOING, by=case_worker).status == Status.ONGOING


def test_the_participant_pays_at_most_the_cap():
    case = CaseFactory()
    PayerLine.objects.create(
        case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("150"), paid_on=datetime.date(2020, 4, 1)
    )
    second = PayerLine(case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("60"), paid_on=datetime.date(2020, 5, 1))

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert "maximaal 200 euro" in error.value.message_dict["amount"][0]


def test_the_cap_counts_only_the_participant_s_own_lines_of_the_case():
    case = CaseFactory()
    PayerLine.objects.create(
        case=case, payer=PayerLine.Payer.MUNICIPALITY, amount=Decimal("350"), paid_on=datetime.date(2020, 4, 1)
    )
    PayerLine.objects.create(
        case=CaseFactory(), payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("200"), paid_on=datetime.date(2020, 4, 1)
    )

    PayerLine(case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("200"), paid_on=datetime.date(2020, 5, 1)).full_clean()


def test_staff_cannot_enter_a_participant_payment_above_the_cap(coordinator_client):
    client = coordinator_client
    case = CaseFactory()
    PayerLine.objects.create(
        case=case, payer=PayerLine.Payer.PARTICIPANT, amount=Decimal("150"), paid_on=datetime.date(2020, 4, 1)
    )

    response = client.post(
        reverse("admin:cases_payerline_add"), {"case": case.pk, "payer": "deelnemer", "amount": "60", "paid_on": "01/05/2020"}
    )

    assert response.status_code == 200 and "maximaal 200 euro" in response.content.decode()
    assert case.payer_lines.count() == 1


def test_referrals_are_counted_per_year_and_province():
    gent_ocmw = Organisation.objects.get(municipality=municipality("44021"), kind="ocmw")
    for day in (datetime.date(2020, 2, 1), datetime.date(2020, 8, 1), datetime.date(2021, 1, 5)):
        Referral.objects.create(case=CaseFactory(), ocmw=gent_ocmw, referred_on=day, reason="Leefloon aangewezen")

    rows = selectors.referrals_per_year_and_province(start_year=2020, end_year=2021)

    assert [(r["year"], r["ocmw__municipality__province__name_nl"], r["referrals"]) for r in rows] == [
        (2020, "Oost-Vlaanderen", 2),
        (2021, "Oost-Vlaanderen", 1),
    ]


def test_a_referral_goes_to_an_ocmw():
    gemeente = Organisation.objects.get(municipality=municipality("44021"), kind="gemeente")
    referral = Referral(case=CaseFactory(), ocmw=gemeente, referred_on=datetime.date(2020, 2, 1), reason="x")

    with pytest.raises(ValidationError) as error:
        referral.full_clean()

    assert "ocmw" in error.value.message_dict
