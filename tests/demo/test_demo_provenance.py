"""On the demo data, the data-quality page says which records come from the seeds and which are synthetic."""

import pytest

from reports.quality import provenance

pytestmark = pytest.mark.django_db


def counts() -> dict[str, tuple[int, int]]:
    return {str(kind.label): (kind.real, kind.synthetic) for kind in provenance()}


def test_the_real_records_are_those_of_seed_002(demo_data):
    found = counts()

    assert found["Overeenkomsten"][0] == 89 + 18 and found["Opleidingen"][0] == 43
    assert found["Financiering"][0] == 3


@pytest.mark.parametrize(
    "label",
    [
        "Dossiers, met goedkeuringen en betalers",
        "Doorverwijzingen naar het OCMW",
        "Ondernemers (namen, ondernemingsnummers)",
        "Inschrijvingen (namen van deelnemers)",
        "Aanbiedingen en weigerredenen",
    ],
)
def test_cases_referrals_names_and_offers_are_all_synthetic(demo_data, label):
    real, synthetic = counts()[label]

    assert real == 0 and synthetic > 0
