"""Every page and API endpoint against every persona, with the expected answer written down.

A walk over the URL resolver fails when a new URL name has no row here, so no page
can be added unprotected. The objects belong to partner A, an admin of OCMW Gent; partner B
is a plain member of OCMW Antwerpen, whose answer for A's objects must be 404, never data,
and who may not manage colleagues.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import Activity, Case, CaseReport, Referral
from core.roles import CASE_WORKER_GROUP, COORDINATOR_GROUP, POLICY_GROUP
from partnerships.models import Membership, Organisation, Outreach
from reports.models import FrozenAnswer, QuestionSet
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    UserFactory,
    municipality,
    sign_in,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "staff", "case_worker", "partner_a", "member_a", "partner_b", "policy"]


def row(anonymous, staff, partner_a, partner_b, policy, *, case_worker=None, member_a=None):
    """`staff` is a coordinator, `partner_a` an admin of A; a case worker answers as the
    coordinator and a plain member of A as A's admin unless said otherwise."""
    return {
        "anonymous": anonymous,
        "staff": staff,
        "case_worker": staff if case_worker is None else case_worker,
        "partner_a": partner_a,
        "member_a": partner_a if member_a is None else member_a,
        "partner_b": partner_b,
        "policy": policy,
    }


PUBLIC = row(200, 200, 200, 200, 200)
REDIRECT = row(302, 302, 302, 302, 302)
STAFF_PAGE = row(302, 200, 302, 302, 302)
STAFF_POST = row(302, 405, 302, 302, 302)
REPORTS = row(302, 200, 403, 403, 200)
PARTNER_PAGE = row(302, 403, 200, 200, 403)
PARTNER_OBJECT = row(302, 403, 200, 404, 403)
PARTNER_ADMIN_PAGE = row(302, 403, 200, 403, 403, member_a=403)
PARTNER_ADMIN_POST = row(302, 403, 405, 403, 403, member_a=403)
API_AUTHENTICATED = row(403, 200, 200, 200, 200)
API_SCOPED_OBJECT = row(403, 200, 200, 404, 404)
API_STAFF = row(403, 200, 403, 403, 403)
SIGNED_IN = row(302, 200, 200, 200, 200)

MATRIX = {
    "home": row(302, 302, 302, 302, 302),
    "set_language": REDIRECT,
    "login": PUBLIC,
    "logout": row(405, 405, 405, 405, 405),
    "two_factor": SIGNED_IN,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "reports:index": REPORTS,
    "reports:map": REPORTS,
    "reports:quality": STAFF_PAGE,
    "reports:answer": REPORTS,
    "reports:freeze": row(302, 405, 403, 403, 403, case_worker=403),
    "reports:frozen": REPORTS,
    "reports:figure": REPORTS,
    "portal:dashboard": PARTNER_PAGE,
    "portal:cases": PARTNER_PAGE,
    "portal:referral": PARTNER_PAGE,
    "portal:case": PARTNER_OBJECT,
    "portal:case_report": PARTNER_OBJECT,
    "portal:approve": PARTNER_OBJECT,
    "portal:summary": PARTNER_PAGE,
    "portal:trainings": PARTNER_PAGE,
    "portal:training_register": PARTNER_PAGE,
    "portal:training_cancel": PARTNER_OBJECT,
    "portal:training_history": PARTNER_PAGE,
    "portal:members": PARTNER_PAGE,
    "portal:invite": PARTNER_ADMIN_PAGE,
    "portal:deactivate": PARTNER_ADMIN_POST,
    "portal:accept_invitation": PUBLIC,
    "api-report": row(403, 200, 403, 403, 200),
    "api-root": API_AUTHENTICATED,
    "province-list": PUBLIC,
    "province-detail": PUBLIC,
    "municipality-list": PUBLIC,
    "municipality-detail": PUBLIC,
    "organisation-list": API_AUTHENTICATED,
    "organisation-detail": API_SCOPED_OBJECT,
    "agreement-list": API_AUTHENTICATED,
    "agreement-detail": API_SCOPED_OBJECT,
    "outreach-list": API_STAFF,
    "outreach-detail": API_STAFF,
    "case-list": API_AUTHENTICATED,
    "case-detail": API_SCOPED_OBJECT,
    "activity-list": API_AUTHENTICATED,
    "activity-detail": API_SCOPED_OBJECT,
    "referral-list": API_AUTHENTICATED,
    "referral-detail": API_SCOPED_OBJECT,
    "trainingsession-list": API_AUTHENTICATED,
    "trainingsession-detail": API_AUTHENTICATED,
    "registration-list": API_AUTHENTICATED,
    "registration-detail": API_SCOPED_OBJECT,
    "schema": PUBLIC,
    "api-docs": PUBLIC,
    "cases:help_request": PUBLIC,
    "cases:help_thanks": PUBLIC,
    "cases:list": STAFF_PAGE,
    "cases:detail": STAFF_PAGE,
    "cases:transition": STAFF_POST,
    "cases:report_generate": STAFF_POST,
    "cases:report_download": STAFF_PAGE,
}


def url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row_in_the_matrix():
    assert set(url_names(get_resolver().url_patterns)) == set(MATRIX)


@pytest.fixture
def world(settings, tmp_path):
    """Partner A's records, and one user per persona."""
    settings.MEDIA_ROOT = tmp_path
    gent = Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)
    antwerpen = Organisation.objects.get(municipality=municipality("11002"), kind=Organisation.Kind.OCMW)
    case = CaseFactory(referring_organisation=gent, funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)
    report = CaseReport(case=case, version=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7"), save=True)
    frozen = FrozenAnswer(
        question_set=QuestionSet.objects.get(slug="samenwerking"), reference_date=datetime.date(2018, 12, 31), figures={}
    )
    frozen.pdf.save("a.pdf", ContentFile(b"%PDF-1.7"), save=True)
    users = {
        "staff": UserFactory(email="staff@example.org", is_staff=True),
        "case_worker": UserFactory(email="case_worker@example.org", is_staff=True),
        "partner_a": UserFactory(email="partner_a@example.org"),
        "member_a": UserFactory(email="member_a@example.org"),
        "partner_b": UserFactory(email="partner_b@example.org"),
        "policy": UserFactory(email="policy@example.org"),
    }
    Membership.objects.create(user=users["partner_a"], organisation=gent, role=Membership.Role.ADMIN)
    Membership.objects.create(user=users["member_a"], organisation=gent)
    Membership.objects.create(user=users["partner_b"], organisation=antwerpen)
    Group.objects.get(name=COORDINATOR_GROUP).user_set.add(users["staff"])
    Group.objects.get(name=CASE_WORKER_GROUP).user_set.add(users["case_worker"])
    Group.objects.get(name=POLICY_GROUP).user_set.add(users["policy"])
    session = TrainingSessionFactory()
    registration = RegistrationFactory(session=session, organisation=gent)
    colleague = Membership.objects.create(user=UserFactory(email="colleague_a@example.org"), organisation=gent)
    kwargs = {
        "reports:answer": {"slug": "samenwerking"},
        "reports:freeze": {"slug": "samenwerking"},
        "reports:frozen": {"frozen_id": frozen.pk},
        "reports:figure": {"name": "coverage"},
        "portal:case": {"case_id": case.pk},
        "portal:case_report": {"case_id": case.pk, "version": 1},
        "portal:approve": {"case_id": case.pk},
        "api-report": {"name": "coverage"},
        "province-detail": {"pk": municipality("44021").province_id},
        "municipality-detail": {"pk": municipality("44021").pk},
        "organisation-detail": {"pk": gent.pk},
        "agreement-detail": {"pk": AgreementFactory(municipality=municipality("44021")).pk},
        "outreach-detail": {"pk": Outreach.objects.create(organisation=gent, sent_on=datetime.date(2018, 1, 1)).pk},
        "case-detail": {"pk": case.pk},
        "activity-detail": {"pk": Activity.objects.create(case=case, kind="contact", date=datetime.date(2020, 3, 2)).pk},
        "referral-detail": {
            "pk": Referral.objects.create(case=case, ocmw=gent, referred_on=datetime.date(2020, 3, 3), reason="x").pk
        },
        "trainingsession-detail": {"pk": session.pk},
        "registration-detail": {"pk": registration.pk},
        "portal:training_register": {"session_id": session.pk},
        "portal:training_cancel": {"registration_id": registration.pk},
        "portal:deactivate": {"membership_id": colleague.pk},
        "portal:accept_invitation": {"uidb64": "MQ", "token": "set-password"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "cases:detail": {"case_id": case.pk},
        "cases:transition": {"case_id": case.pk},
        "cases:report_generate": {"case_id": case.pk},
        "cases:report_download": {"case_id": case.pk, "version": 1},
    }
    return users, kwargs


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(client, world, name, persona):
    users, kwargs = world
    if persona != "anonymous":
        sign_in(client, users[persona])
    response = client.get(reverse(name, kwargs=kwargs.get(name)))

    assert response.status_code == MATRIX[name][persona]
