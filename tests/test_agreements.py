"""Agreement invariants: enforced by the model's clean() and by database constraints."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from partnerships import services
from partnerships.models import Agreement, Organisation
from tests.factories import AgreementFactory, municipality

pytestmark = pytest.mark.django_db

Form = Agreement.Form
Party = Agreement.Party


def create(**overrides):
    fields = {
        "municipality": municipality("44021"),
        "party": Party.OCMW,
        "form": Form.SUBSCRIPTION,
        "start_date": datetime.date(2017, 1, 1),
        **overrides,
    }
    return services.create_agreement(**fields)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_creating_an_agreement_creates_the_organisations_it_binds():
    Organisation.objects.filter(municipality=municipality("44021")).delete()

    create(party=Party.BOTH)

    kinds = set(Organisation.objects.filter(municipality=municipality("44021")).values_list("kind", flat=True))
    assert kinds == {"gemeente", "ocmw"}


def test_the_end_may_not_precede_the_start():
    with pytest.raises(ValidationError) as error:
        create(end_date=datetime.date(2016, 12, 31))

    assert "De einddatum ligt voor de begindatum." in messages(error.value)


def test_the_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError):
        AgreementFactory(start_date=datetime.date(2017, 1, 1), end_date=datetime.date(2016, 1, 1))


def test_only_a_subscription_carries_a_fee():
    with pytest.raises(ValidationError) as error:
        create(form=Form.PER_CASE, annual_fee=Decimal("500"))

    assert "Alleen een jaarovereenkomst heeft een jaarbedrag." in messages(error.value)


def test_the_database_refuses_a_fee_on_remote_advice():
    with pytest.raises(IntegrityError):
        AgreementFactory(form=Form.REMOTE_ADVICE, annual_fee=Decimal("10"))


def test_a_subscription_may_carry_a_fee():
    agreement = create(annual_fee=Decimal("3250.00"))

    assert agreement.annual_fee == Decimal("3250.00")


def test_only_the_zitdag_form_has_a_consultation_schedule():
    with pytest.raises(ValidationError) as error:
        create(form=Form.SUBSCRIPTION, consultation_schedule="eerste dinsdag van de maand")

    assert "Alleen een overeenkomst met zitdag heeft een zitdag." in messages(error.value)


def test_an_organisation_never_has_two_overlapping_agreements():
    create(end_date=datetime.date(2018, 12, 31))

    with pytest.raises(ValidationError) as error:
        create(start_date=datetime.date(2018, 6, 1), form=Form.PER_CASE)

    assert "heeft al een overeenkomst in die periode" in messages(error.value)


def test_a_joint_agreement_overlaps_with_each_partys_own():
    create(party=Party.GEMEENTE)

    with pytest.raises(ValidationError):
        create(party=Party.BOTH, start_date=datetime.date(2019, 1, 1))


def test_gemeente_and_ocmw_may_each_have_their_own_agreement():
    create(party=Party.GEMEENTE)
    create(party=Party.OCMW)

    assert Agreement.objects.count() == 2


def test_consecutive_agreements_do_not_overlap():
    create(end_date=datetime.date(2017, 12, 31))
    create(start_date=datetime.date(2018, 1, 1))

    assert Agreement.objects.count() == 2


def test_an_open_ended_agreement_overlaps_every_later_one():
    create()

    with pytest.raises(ValidationError):
        create(start_date=datetime.date(2030, 1, 1))


def test_an_agreement_needs_a_municipality_that_exists_on_its_start_date():
    with pytest.raises(ValidationError) as error:
        create(municipality=municipality("44049"), start_date=datetime.date(2019, 3, 1))

    assert "bestond niet op de begindatum" in messages(error.value)
