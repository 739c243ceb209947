"""The answer's sentences agree with their tables in Dutch and in English: the period counted is the period
named, OCMW's count OCMWs, one reads singular, none reads as a sentence, and names keep their case."""

import datetime

import pytest
from django.utils import translation

from partnerships.models import Agreement, Outreach
from reports.figures import Params, compute
from tests.factories import AgreementFactory, DeclineReasonFactory, OutreachFactory, TrainingSessionFactory, municipality, ocmw

pytestmark = pytest.mark.django_db

YEAR_2016 = Params(on=datetime.date(2016, 12, 31), start_year=2016, end_year=2016)
YEARS_2016_2018 = Params(on=datetime.date(2018, 12, 31), start_year=2016, end_year=2018)
GENT, MELLE, AALST = "44021", "44040", "41002"


def sentence(name: str, params: Params, language: str) -> str:
    with translation.override(language):
        return compute(name, params).sentence()


def per_case(nis_code: str, start: datetime.date, party=Agreement.Party.OCMW):
    AgreementFactory(municipality=municipality(nis_code), form=Agreement.Form.PER_CASE, party=party, start_date=start)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "In 2016 deed geen enkel OCMW voor het eerst een beroep op Dyzo via een vergoeding per dossier."),
        ("en", "In 2016, no OCMW called on Dyzo for the first time for a fee per case."),
    ],
)
def test_no_ocmw_first_per_case_reads_as_a_sentence(language, expected):
    assert sentence("per-case-first-use", YEAR_2016, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "In 2016 deed 1 OCMW voor het eerst een beroep op Dyzo via een vergoeding per dossier: Gent."),
        ("en", "In 2016, 1 OCMW called on Dyzo for the first time for a fee per case: Gent."),
    ],
)
def test_one_ocmw_first_per_case_is_singular(language, expected):
    per_case(GENT, datetime.date(2016, 3, 1))

    assert sentence("per-case-first-use", YEAR_2016, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "In 2016 deden 2 OCMW's voor het eerst een beroep op Dyzo via een vergoeding per dossier: Gent en Melle."),
        ("en", "In 2016, 2 OCMWs called on Dyzo for the first time for a fee per case: Gent and Melle."),
    ],
)
def test_two_ocmws_first_per_case_are_plural(language, expected):
    per_case(GENT, datetime.date(2016, 3, 1))
    per_case(MELLE, datetime.date(2016, 9, 1))

    assert sentence("per-case-first-use", YEAR_2016, language) == expected


def test_the_ocmws_first_per_case_leave_out_a_gemeente_s_agreement():
    per_case(GENT, datetime.date(2016, 3, 1))
    per_case(AALST, datetime.date(2016, 3, 1), party=Agreement.Party.GEMEENTE)

    assert sentence("per-case-first-use", YEAR_2016, "nl-be").startswith("In 2016 deed 1 OCMW ")


def test_the_first_per_case_sentence_names_the_range_it_counts():
    per_case(GENT, datetime.date(2016, 3, 1))
    per_case(MELLE, datetime.date(2018, 3, 1))

    assert sentence("per-case-first-use", YEARS_2016_2018, "nl-be").startswith("In 2016–2018 deden 2 OCMW's ")


@pytest.mark.parametrize(
    ("subscriptions", "language", "expected"),
    [
        (0, "nl-be", "Op 31/12/2016 werkt geen enkele Vlaamse gemeente samen met Dyzo."),
        (0, "en", "On 31/12/2016, no Flemish municipality works with Dyzo."),
        (1, "nl-be", "Op 31/12/2016 werkt 1 Vlaamse gemeente samen met Dyzo: 1 met een overeenkomst,"),
        (1, "en", "On 31/12/2016, 1 Flemish municipality works with Dyzo: 1 with an agreement,"),
        (2, "nl-be", "Op 31/12/2016 werken 2 Vlaamse gemeenten samen met Dyzo: 2 met een overeenkomst,"),
        (2, "en", "On 31/12/2016, 2 Flemish municipalities work with Dyzo: 2 with an agreement,"),
    ],
)
def test_the_cooperation_sentence_agrees_with_its_count(subscriptions, language, expected):
    for nis_code in [GENT, MELLE][:subscriptions]:
        AgreementFactory(municipality=municipality(nis_code))

    assert sentence("cooperation-by-province", YEAR_2016, language).startswith(expected)


@pytest.mark.parametrize(
    ("subscriptions", "language", "expected"),
    [
        (0, "nl-be", "Op 31/12/2016 heeft Dyzo met geen enkel lokaal bestuur een globaal samenwerkingsakkoord."),
        (0, "en", "On 31/12/2016, Dyzo has a global cooperation agreement with no local authority."),
        (1, "nl-be", "Op 31/12/2016 heeft Dyzo met 1 lokaal bestuur een globaal samenwerkingsakkoord, waarvan 0 met zitdag."),
        (2, "en", "On 31/12/2016, Dyzo has a global cooperation agreement with 2 local authorities, 0 of them with"),
    ],
)
def test_the_agreements_sentence_agrees_with_its_count(subscriptions, language, expected):
    for nis_code in [GENT, MELLE][:subscriptions]:
        AgreementFactory(municipality=municipality(nis_code))

    assert sentence("agreements-list", YEAR_2016, language).startswith(expected)


@pytest.mark.parametrize(
    ("sessions", "language", "expected"),
    [
        (0, "nl-be", "In 2016 gaf Dyzo geen opleidingen."),
        (0, "en", "In 2016, Dyzo gave no training sessions."),
        (1, "nl-be", "In 2016 gaf Dyzo 1 opleiding voor in totaal 1 deelnemer."),
        (1, "en", "In 2016, Dyzo gave 1 training session for a total of 1 participant."),
        (2, "nl-be", "In 2016 gaf Dyzo 2 opleidingen voor in totaal 2 deelnemers."),
        (2, "en", "In 2016, Dyzo gave 2 training sessions for a total of 2 participants."),
    ],
)
def test_the_trainings_sentence_agrees_with_its_count(sessions, language, expected):
    for day in [datetime.date(2016, 3, 1), datetime.date(2016, 5, 1)][:sessions]:
        TrainingSessionFactory(date=day, historic_participants=1)

    assert sentence("trainings", YEAR_2016, language) == expected


def test_the_trainings_sentence_gives_the_participants_of_each_year_of_its_range():
    TrainingSessionFactory(date=datetime.date(2016, 3, 1), historic_participants=12)
    TrainingSessionFactory(date=datetime.date(2018, 3, 1), historic_participants=30)

    assert sentence("trainings", YEARS_2016_2018, "nl-be") == (
        "In 2016–2018 gaf Dyzo 2 opleidingen voor in totaal 42 deelnemers: 12 in 2016 en 30 in 2018."
    )


def declined(nis_code: str, label: str) -> None:
    OutreachFactory(
        organisation=ocmw(nis_code),
        sent_on=datetime.date(2016, 3, 1),
        status=Outreach.Status.DECLINED,
        status_date=datetime.date(2016, 4, 1),
        decline_reason=DeclineReasonFactory(label=label),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "Op 31/12/2016 gaf geen enkele gemeente die het aanbod weigerde een reden op."),
        ("en", "On 31/12/2016, no municipality that declined the offer gave a reason."),
    ],
)
def test_no_decline_reason_reads_as_a_sentence(language, expected):
    assert sentence("decline-reasons", YEAR_2016, language) == expected


def test_a_decline_reason_keeps_the_case_of_its_proper_nouns():
    declined(GENT, "Het OCMW werkt al met het CAW Oost-Vlaanderen")

    assert sentence("decline-reasons", YEAR_2016, "nl-be") == (
        "De meest gehoorde reden is: Het OCMW werkt al met het CAW Oost-Vlaanderen."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "De 2 meest gehoorde redenen zijn: 1) Geen budget; 2) Het OCMW helpt zelf."),
        ("en", "The 2 reasons most often given are: 1) Geen budget; 2) Het OCMW helpt zelf."),
    ],
)
def test_two_decline_reasons_are_listed_most_heard_first(language, expected):
    declined(GENT, "Geen budget")
    declined(MELLE, "Geen budget")
    declined(AALST, "Het OCMW helpt zelf")

    assert sentence("decline-reasons", YEAR_2016, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "In 2016 werd geen enkel dossier doorverwezen naar het OCMW."),
        ("en", "In 2016, no case was referred to the OCMW."),
    ],
)
def test_no_referral_reads_as_a_sentence(language, expected):
    assert sentence("referrals", YEAR_2016, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl-be", "Dyzo ontving in 2030 geen financiering."),
        ("en", "Dyzo received no funding in 2030."),
    ],
)
def test_no_funding_reads_as_a_sentence(language, expected):
    assert sentence("funding", Params(on=datetime.date(2030, 12, 31), start_year=2030, end_year=2030), language) == expected
