"""The API tells a partner nothing about records outside its scope: not through a filter on a
foreign key (an existence oracle), nor through fields meant for Dyzo staff."""

import datetime

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from cases.models import Activity, Referral
from tests.factories import AgreementFactory, CaseFactory, RegistrationFactory, TrainingSessionFactory, municipality, ocmw

pytestmark = pytest.mark.django_db
NOWHERE = 999_999


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def answers(client, url: str, **query) -> tuple[int, object]:
    response = client.get(url, query)
    return response.status_code, response.json()


@pytest.mark.parametrize("url", ["/api/v1/activities/", "/api/v1/referrals/"])
def test_another_organisations_case_filters_like_a_case_that_does_not_exist(partner_admin, url):
    antwerpen_case = CaseFactory(municipality=municipality("11002"), referring_organisation=ocmw("11002"))
    gent = client_for(partner_admin)

    assert answers(gent, url, case=antwerpen_case.pk) == answers(gent, url, case=NOWHERE)


def test_a_partner_filters_activities_on_its_own_case(partner_admin):
    own_case = CaseFactory(referring_organisation=ocmw("44021"))
    activity = Activity.objects.create(case=own_case, kind=Activity.Kind.CONTACT, date=datetime.date(2020, 3, 2))

    status, body = answers(client_for(partner_admin), "/api/v1/activities/", case=own_case.pk)

    assert status == 200 and [row["id"] for row in body["results"]] == [activity.pk]


def test_staff_filter_referrals_on_any_case(coordinator):
    case = CaseFactory(municipality=municipality("11002"))
    referral = Referral.objects.create(case=case, referred_on=datetime.date(2020, 3, 2), ocmw=ocmw("11002"))

    status, body = answers(client_for(coordinator), "/api/v1/referrals/", case=case.pk)

    assert status == 200 and [row["id"] for row in body["results"]] == [referral.pk]


def test_an_organisation_that_organises_nothing_filters_like_one_that_does_not_exist(partner_admin):
    brugge = ocmw("31005")
    gent = client_for(partner_admin)

    assert answers(gent, "/api/v1/training-sessions/", organiser=brugge.pk) == answers(
        gent, "/api/v1/training-sessions/", organiser=NOWHERE
    )


def test_a_partner_filters_sessions_on_any_organiser_it_sees(partner_admin):
    session = TrainingSessionFactory(organiser=ocmw("11002"), organiser_name="")

    status, body = answers(client_for(partner_admin), "/api/v1/training-sessions/", organiser=ocmw("11002").pk)

    assert status == 200 and [row["id"] for row in body["results"]] == [session.pk]


def test_a_partner_reads_its_agreement_without_dyzos_notes(partner_admin):
    agreement = AgreementFactory(municipality=municipality("44021"), notes="Intern: betaalt traag, opvolgen.")

    row = client_for(partner_admin).get(f"/api/v1/agreements/{agreement.pk}/").json()

    assert row["form"] == agreement.form and "notes" not in row and "Intern" not in str(row)


def test_a_partner_s_agreement_has_every_field_the_schema_requires(partner_admin):
    agreement = AgreementFactory(municipality=municipality("44021"))
    required = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]["Agreement"]["required"]

    row = client_for(partner_admin).get(f"/api/v1/agreements/{agreement.pk}/").json()

    assert [field for field in required if field not in row] == []


def test_staff_read_the_notes_of_an_agreement(coordinator):
    agreement = AgreementFactory(municipality=municipality("44021"), notes="Intern: betaalt traag, opvolgen.")

    row = client_for(coordinator).get(f"/api/v1/agreements/{agreement.pk}/").json()

    assert row["notes"] == "Intern: betaalt traag, opvolgen."


def test_a_partner_reads_its_own_registrations_participant_address_and_no_others(partner_admin):
    session = TrainingSessionFactory()
    RegistrationFactory(session=session, organisation=ocmw("44021"), participant_email="an@ocmw-gent.be")
    RegistrationFactory(session=session, organisation=ocmw("11002"), participant_email="bart@ocmw-antwerpen.be")

    status, body = answers(client_for(partner_admin), "/api/v1/registrations/")

    assert status == 200
    assert [row["participant_email"] for row in body["results"]] == ["an@ocmw-gent.be"]
