"""The status rule: strongest form, party, merger inheritance and outreach, in one query."""

import datetime

import pytest

from partnerships.models import Agreement, Municipality, Outreach
from partnerships.selectors import (
    NO_COOPERATION,
    agreements_covering,
    cooperation_by_province,
    cooperation_form,
    cooperation_status,
    cooperation_statuses,
)
from tests.factories import AgreementFactory, DeclineReasonFactory, OrganisationFactory, OutreachFactory, municipality

pytestmark = pytest.mark.django_db

DAY = datetime.date(2018, 12, 31)
Form = Agreement.Form
Party = Agreement.Party


def status_of(nis_code, on=DAY):
    return cooperation_status(municipality=municipality(nis_code, on=on), on=on)


def test_a_municipality_without_agreements_does_not_cooperate():
    assert status_of("44021").status_form == NO_COOPERATION


def test_the_strongest_form_in_force_wins():
    gent = municipality("44021")
    AgreementFactory(municipality=gent, party=Party.OCMW, form=Form.PER_CASE)
    AgreementFactory(municipality=gent, party=Party.GEMEENTE, form=Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)

    assert status_of("44021").status_form == Form.SUBSCRIPTION_WITH_CONSULTATION_DAY


def test_a_subscription_outranks_per_case_and_remote_advice():
    gent = municipality("44021")
    AgreementFactory(municipality=gent, party=Party.OCMW, form=Form.REMOTE_ADVICE)
    AgreementFactory(municipality=gent, party=Party.GEMEENTE, form=Form.SUBSCRIPTION)

    assert status_of("44021").status_form == Form.SUBSCRIPTION


def test_per_case_outranks_remote_advice():
    gent = municipality("44021")
    AgreementFactory(municipality=gent, party=Party.OCMW, form=Form.REMOTE_ADVICE)
    AgreementFactory(municipality=gent, party=Party.GEMEENTE, form=Form.PER_CASE)

    assert status_of("44021").status_form == Form.PER_CASE


def test_an_ended_agreement_no_longer_counts():
    AgreementFactory(municipality=municipality("44021"), end_date=datetime.date(2018, 12, 30))

    assert status_of("44021").status_form == NO_COOPERATION


def test_an_agreement_counts_through_its_last_day():
    AgreementFactory(municipality=municipality("44021"), end_date=DAY)

    assert status_of("44021").status_form == Form.SUBSCRIPTION


def test_a_future_agreement_does_not_count_yet():
    AgreementFactory(municipality=municipality("44021"), start_date=datetime.date(2019, 1, 1))

    assert status_of("44021").status_form == NO_COOPERATION


@pytest.mark.parametrize(
    ("parties", "expected"),
    [
        ([Party.GEMEENTE], Party.GEMEENTE),
        ([Party.OCMW], Party.OCMW),
        ([Party.BOTH], Party.BOTH),
        ([Party.GEMEENTE, Party.OCMW], Party.BOTH),
    ],
)
def test_the_party_is_who_holds_a_subscription(parties, expected):
    for party in parties:
        AgreementFactory(municipality=municipality("44021"), party=party)

    assert status_of("44021").status_party == expected


def test_per_case_has_no_party():
    AgreementFactory(municipality=municipality("44021"), form=Form.PER_CASE)

    assert status_of("44021").status_party is None


def test_a_per_case_gemeente_does_not_make_an_ocmw_subscription_joint():
    gent = municipality("44021")
    AgreementFactory(municipality=gent, party=Party.OCMW, form=Form.SUBSCRIPTION)
    AgreementFactory(municipality=gent, party=Party.GEMEENTE, form=Form.PER_CASE)

    assert status_of("44021").status_party == Party.OCMW


def test_an_agreement_of_a_merged_municipality_counts_for_its_successor():
    AgreementFactory(municipality=municipality("44049"), party=Party.OCMW, start_date=datetime.date(2016, 3, 1))

    deinze = status_of("44083", on=datetime.date(2020, 6, 30))

    assert (deinze.nis_code, deinze.status_form, deinze.status_party) == ("44083", Form.SUBSCRIPTION, Party.OCMW)


def test_a_merged_municipality_no_longer_appears_after_the_merger():
    AgreementFactory(municipality=municipality("44049"), start_date=datetime.date(2016, 3, 1))

    nis_codes = set(cooperation_statuses(on=datetime.date(2020, 6, 30)).values_list("nis_code", flat=True))

    assert "44049" not in nis_codes and "44083" in nis_codes


def test_an_agreement_of_the_merged_municipality_ends_for_its_successor_when_it_ends():
    AgreementFactory(municipality=municipality("44049"), end_date=datetime.date(2019, 6, 30))

    assert status_of("44083", on=datetime.date(2020, 6, 30)).status_form == NO_COOPERATION


def test_zwijndrecht_counts_for_oost_vlaanderen_from_2025():
    AgreementFactory(municipality=municipality("11056"), start_date=datetime.date(2020, 1, 1))
    on = datetime.date(2025, 6, 30)

    by_province = {row["province"]: row["agreement"] for row in cooperation_by_province(on=on)}

    assert (by_province["Antwerpen"], by_province["Oost-Vlaanderen"]) == (0, 1)


def test_zwijndrecht_counts_for_antwerpen_before_2025():
    AgreementFactory(municipality=municipality("11056"), start_date=datetime.date(2020, 1, 1))

    by_province = {row["province"]: row["agreement"] for row in cooperation_by_province(on=datetime.date(2024, 6, 30))}

    assert (by_province["Antwerpen"], by_province["Oost-Vlaanderen"]) == (1, 0)


def test_without_an_offer_there_is_no_outreach_status():
    assert status_of("44021").outreach_status is None


def test_the_latest_offer_gives_the_outreach_status():
    ocmw = OrganisationFactory(municipality=municipality("44021"))
    OutreachFactory(organisation=ocmw, sent_on=datetime.date(2017, 1, 10), status=Outreach.Status.NO_ANSWER)
    OutreachFactory(
        organisation=ocmw,
        sent_on=datetime.date(2018, 2, 1),
        status=Outreach.Status.NEGOTIATING,
        status_date=datetime.date(2018, 3, 1),
    )

    assert status_of("44021").outreach_status == Outreach.Status.NEGOTIATING


def test_an_answer_given_after_the_date_still_counts_as_no_answer_on_it():
    OutreachFactory(
        organisation=OrganisationFactory(municipality=municipality("44021")),
        sent_on=datetime.date(2018, 6, 1),
        status=Outreach.Status.DECLINED,
        status_date=datetime.date(2019, 2, 1),
        decline_reason=DeclineReasonFactory(),
    )

    assert status_of("44021").outreach_status == Outreach.Status.NO_ANSWER


def test_by_province_lists_provinces_alphabetically_then_the_total():
    rows = cooperation_by_province(on=DAY)

    assert [row["province"] for row in rows] == [
        "Antwerpen",
        "Limburg",
        "Oost-Vlaanderen",
        "Vlaams-Brabant",
        "West-Vlaanderen",
        None,
    ]
    assert [row.get("is_total", False) for row in rows] == [False] * 5 + [True]


def test_by_province_counts_every_municipality_of_the_date_once():
    rows = cooperation_by_province(on=DAY)

    assert rows[-1]["total"] + rows[-1]["none"] == 308


def test_by_province_splits_forms_and_parties():
    AgreementFactory(municipality=municipality("44021"), form=Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)
    AgreementFactory(
        municipality=municipality("44083", on=datetime.date(2019, 1, 1)),
        party=Party.GEMEENTE,
        start_date=datetime.date(2019, 1, 1),
    )
    AgreementFactory(municipality=municipality("11002"), form=Form.PER_CASE)
    AgreementFactory(municipality=municipality("71022"), form=Form.REMOTE_ADVICE)

    total = cooperation_by_province(on=datetime.date(2019, 6, 1))[-1]

    assert (total["agreement"], total["per_case"], total["remote_advice"], total["total"]) == (2, 1, 1, 4)
    assert (total["gemeente"], total["ocmw"], total["both"]) == (1, 1, 0)


def _many_agreements(count):
    municipalities = list(cooperation_statuses(on=datetime.date(2017, 1, 1)))
    forms = list(Form.values)
    Agreement.objects.bulk_create(
        Agreement(
            municipality=municipalities[index % len(municipalities)],
            party=Party.OCMW if index % 2 else Party.GEMEENTE,
            form=forms[index % len(forms)],
            start_date=datetime.date(2000 + index // len(municipalities), 1, 1),
            end_date=datetime.date(2000 + index // len(municipalities), 12, 31),
        )
        for index in range(count)
    )


@pytest.mark.parametrize("agreements", [0, 20, 3000])
def test_statuses_take_one_query_however_large_the_data(agreements, django_assert_num_queries):
    _many_agreements(agreements)

    with django_assert_num_queries(1):
        list(cooperation_statuses(on=datetime.date(2005, 6, 1)))


@pytest.mark.parametrize("agreements", [0, 20, 3000])
def test_by_province_takes_one_query_however_large_the_data(agreements, django_assert_max_num_queries):
    _many_agreements(agreements)

    with django_assert_max_num_queries(1):
        cooperation_by_province(on=datetime.date(2005, 6, 1))


def test_the_form_alone_follows_the_same_rule():
    gent = municipality("44021", on=datetime.date(2018, 12, 31))
    AgreementFactory(municipality=gent, form=Agreement.Form.PER_CASE, start_date=datetime.date(2018, 1, 1))

    assert cooperation_form(municipality=gent, on=datetime.date(2018, 12, 31)) == Agreement.Form.PER_CASE


def test_the_agreements_covering_a_municipality_are_those_the_rule_counts_whoever_signed():
    deinze = municipality("44083", on=datetime.date(2020, 6, 30))
    merged = AgreementFactory(municipality=municipality("44049"), party=Party.GEMEENTE, start_date=datetime.date(2016, 3, 1))
    own = AgreementFactory(municipality=deinze, party=Party.OCMW, form=Form.PER_CASE, start_date=datetime.date(2019, 1, 1))
    AgreementFactory(municipality=municipality("44021"), party=Party.OCMW)

    covering = agreements_covering(municipalities=Municipality.objects.filter(pk=deinze.pk))

    assert set(covering) == {merged, own}
