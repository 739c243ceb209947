"""The admin changelists of the large tables: the same number of queries for 2 rows as for 20, with
or without a filter, each row with its own related records; the counts and years they show."""

import datetime
import itertools

import pytest
from django.contrib.admin import ModelAdmin, site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AccessLog, Approval, PayerLine, Referral
from core.admin_lists import LargeTableAdmin
from partnerships.models import Municipality, Organisation
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    DeclineReasonFactory,
    EntrepreneurFactory,
    OrganisationFactory,
    OutreachFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def places():
    """Each row its own municipality, so a query per row for it would show."""
    return itertools.cycle(Municipality.objects.order_by("nis_code")[:40])


def ocmws():
    return (OrganisationFactory(municipality=place) for place in places())


def cases(n, places_=None):
    places_ = places_ or places()
    return [CaseFactory(municipality=next(places_), case_worker=UserFactory(is_staff=True)) for _ in range(n)]


def add_rows(model: str, n: int) -> None:
    organisations = ocmws()
    if model == "cases_case":
        cases(n)
    elif model == "cases_entrepreneur":
        municipalities = places()
        for _ in range(n):
            EntrepreneurFactory(municipality=next(municipalities))
    elif model == "cases_referral":
        for case in cases(n):
            Referral.objects.create(case=case, ocmw=next(organisations), referred_on=datetime.date(2020, 3, 2), reason="Schulden")
    elif model == "cases_approval":
        for case in cases(n):
            Approval.objects.create(
                case=case, organisation=next(organisations), decision="toegekend", decided_by_name="Schepen",
                decided_on=datetime.date(2020, 3, 3), amount=100,
            )  # fmt: skip
    elif model == "cases_payerline":
        for case in cases(n):
            PayerLine.objects.create(case=case, payer="ocmw", amount=100, paid_on=datetime.date(2020, 3, 4))
    elif model == "cases_accesslog":
        for case in cases(n):
            AccessLog.objects.create(user=case.case_worker, case=case, action="bekeken", path=f"/dossiers/{case.pk}/")
    elif model == "partnerships_agreement":
        for place in itertools.islice(places(), n):
            AgreementFactory(municipality=place)
    elif model == "partnerships_outreach":
        for index in range(n):
            OutreachFactory(
                organisation=next(organisations), status="geweigerd", decline_reason=DeclineReasonFactory(label=f"Reden {index}")
            )
    elif model == "partnerships_organisation":
        for _ in range(n):
            next(organisations)
    elif model in ("trainings_trainingsession", "trainings_registration"):
        for _ in range(n):
            RegistrationFactory(session=TrainingSessionFactory(organiser=next(organisations)))


CHANGELISTS = [
    ("cases_case", {}),
    ("cases_case", {"status__exact": "aangemeld", "municipality__province__id__exact": "1"}),
    ("cases_case", {"opened_on__year": "2020"}),
    ("cases_entrepreneur", {}),
    ("cases_referral", {}),
    ("cases_approval", {}),
    ("cases_payerline", {}),
    ("cases_accesslog", {}),
    ("partnerships_agreement", {}),
    ("partnerships_agreement", {"form__exact": "abonnement"}),
    ("partnerships_outreach", {}),
    ("partnerships_outreach", {"status__exact": "geweigerd"}),
    ("partnerships_organisation", {}),
    ("trainings_trainingsession", {}),
    ("trainings_trainingsession", {"jaar": "2030"}),
    ("trainings_registration", {}),
]


def queries_of(client, model: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"admin:{model}_changelist"), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("model", "params"), CHANGELISTS, ids=lambda value: str(value) if value else "")
def test_a_changelist_asks_as_many_queries_for_20_rows_as_for_2(coordinator_client, model, params):
    add_rows(model, 2)
    queries_of(coordinator_client, model, params)  # the first request after signing in also updates the session
    few = queries_of(coordinator_client, model, params)
    add_rows(model, 18)

    assert queries_of(coordinator_client, model, params) == few


def test_a_small_list_gives_its_exact_count(coordinator_client):
    add_rows("partnerships_agreement", 3)

    response = coordinator_client.get(reverse("admin:partnerships_agreement_changelist"))

    assert response.context["cl"].result_count == 3


def test_the_year_links_run_from_the_first_to_the_last_year(coordinator_client):
    for year in (2016, 2019):
        CaseFactory(opened_on=datetime.date(year, 5, 1))

    response = coordinator_client.get(reverse("admin:cases_case_changelist"))

    assert [year for year in range(2014, 2022) if f"?opened_on__year={year}" in response.text] == [2016, 2017, 2018, 2019]


def test_the_row_checkbox_is_the_one_django_s_widget_renders(rf):
    organisation = OrganisationFactory()

    fast, django_s = (
        admin_class.action_checkbox(site._registry[Organisation], organisation) for admin_class in (LargeTableAdmin, ModelAdmin)
    )

    assert fast == django_s
