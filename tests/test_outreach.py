"""Outreach records: declines carry a reason from the managed list."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import DeclineReason, Outreach
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def record(**overrides):
    fields = {"organisation": OrganisationFactory(), "sent_on": datetime.date(2018, 3, 1), **overrides}
    return services.record_outreach(**fields)


def test_the_decline_reasons_of_seed_001_are_seeded_in_their_order():
    assert list(DeclineReason.objects.values_list("label", flat=True)) == [
        "De jaarlijkse kostprijs wordt als te hoog ervaren",
        "Er kloppen geen zelfstandigen in moeilijkheden aan bij het OCMW",
        "Ze kunnen die doelgroep zelf verder helpen",
        "Andere",
    ]


def test_a_decline_needs_a_reason():
    with pytest.raises(ValidationError) as error:
        record(status=Outreach.Status.DECLINED)

    assert "Geef de reden van de weigering op." in error.value.messages


def test_the_reason_other_needs_an_explanation():
    with pytest.raises(ValidationError) as error:
        record(status=Outreach.Status.DECLINED, decline_reason=DeclineReason.objects.get(label="Andere"))

    assert "Licht de reden 'andere' toe." in error.value.messages


def test_a_reason_belongs_only_to_a_decline():
    with pytest.raises(ValidationError):
        record(status=Outreach.Status.NEGOTIATING, decline_reason=DeclineReason.objects.first())


def test_a_status_cannot_start_before_the_offer_was_sent():
    with pytest.raises(ValidationError):
        record(status=Outreach.Status.NEGOTIATING, status_date=datetime.date(2018, 2, 1))


def test_a_decline_with_its_reason_is_recorded_with_history():
    outreach = record(
        status=Outreach.Status.DECLINED,
        status_date=datetime.date(2018, 4, 1),
        decline_reason=DeclineReason.objects.first(),
    )

    assert outreach.history.count() == 1
