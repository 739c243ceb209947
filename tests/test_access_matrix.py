"""Every page and API endpoint against every persona, with the expected answer written down.

A walk over the URL resolver fails when a new URL name has no row here, so no page
can be added unprotected. The personas are those of tests/conftest.py. The records belong
to OCMW Antwerpen: the partner member (of Gent and Antwerpen) reaches them through their
second organisation; the partner admin of Gent must get a 404 for them, never data.
The colleague to deactivate works at Gent, where only the admin manages colleagues.

The records and people are made once for the module, in a transaction rolled back after it;
each case then asks one URL as one persona.
"""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import Activity, Case, CaseReport, Referral
from reports.models import FrozenAnswer, PdfJob, QuestionSet
from tests import factories
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    MembershipFactory,
    OutreachFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    ocmw,
    sign_in,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "coordinator", "case_worker", "partner_admin", "partner_member", "policy_officer", "user_without_role"]


def row(*answers):
    """The expected status code for each persona, in the order of PERSONAS."""
    return dict(zip(PERSONAS, answers, strict=True))


# Columns: anonymous, coordinator, case_worker, partner_admin, partner_member, policy_officer, user_without_role.
PUBLIC = row(200, 200, 200, 200, 200, 200, 200)
REDIRECT = row(302, 302, 302, 302, 302, 302, 302)
SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200)
STAFF_PAGE = row(302, 200, 200, 302, 302, 302, 302)
STAFF_POST = row(302, 405, 405, 302, 302, 302, 302)
REPORTS = row(302, 200, 200, 403, 403, 200, 403)
PARTNER_PAGE = row(302, 403, 403, 200, 200, 403, 403)
PARTNER_OBJECT = row(302, 403, 403, 404, 200, 403, 403)
PARTNER_ADMIN_PAGE = row(302, 403, 403, 200, 403, 403, 403)
PARTNER_ADMIN_POST = row(302, 403, 403, 405, 403, 403, 403)
API_AUTHENTICATED = row(403, 200, 200, 200, 200, 200, 200)
API_SCOPED_OBJECT = row(403, 200, 200, 404, 200, 404, 404)
API_STAFF = row(403, 200, 200, 403, 403, 403, 403)

MATRIX = {
    "home": row(302, 302, 302, 302, 302, 302, 403),
    "set_language": REDIRECT,
    "favicon": REDIRECT,
    "login": PUBLIC,
    "logout": row(405, 405, 405, 405, 405, 405, 405),
    "two_factor": SIGNED_IN,
    "notifications": SIGNED_IN,
    "backup_codes": row(302, 200, 200, 302, 302, 302, 302),
    "replace_authenticator": row(302, 200, 200, 302, 302, 302, 302),
    "api_tokens": SIGNED_IN,
    "api_token_revoke": row(302, 405, 405, 405, 405, 405, 405),
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "staff_search": STAFF_PAGE,
    "reports:index": REPORTS,
    "reports:map": REPORTS,
    "reports:trend": REPORTS,
    "reports:quality": REPORTS,
    "reports:answer": REPORTS,
    "reports:freeze": row(302, 405, 403, 403, 403, 403, 403),
    "reports:frozen": REPORTS,
    "reports:figure": REPORTS,
    "reports:pdf_job": REPORTS,  # a PDF being made follows the rule of the pages that ask for one
    "reports:pdf_job_download": REPORTS,
    "reports:drilldown": REPORTS,
    "reports:frozen_drilldown": REPORTS,
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
    "portal:notifications": PARTNER_PAGE,
    "api-report": row(403, 200, 200, 403, 403, 200, 403),
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
    "cases:refer_to_local_authority": STAFF_POST,
    "cases:report_generate": STAFF_POST,
    "cases:report_download": STAFF_PAGE,
}

# The documents a page offers (`?formaat=`) follow the page's rule: a partner never gets an answer in any format.
DOWNLOADS = {
    ("reports:answer", "pdf"): REPORTS,
    ("reports:answer", "docx"): REPORTS,
    ("reports:frozen", "pdf"): REPORTS,
    ("reports:frozen", "docx"): REPORTS,
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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One signed-in session per persona, Antwerpen's records, and the URL arguments that point at them."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        yield signed_in_sessions(), url_arguments()
        transaction.set_rollback(True)


def signed_in_sessions():
    """The session cookie of each persona but the anonymous one, signed in once for the module."""
    sessions = {}
    for persona in PERSONAS[1:]:
        browser = Client()
        sign_in(browser, getattr(factories, persona)())
        sessions[persona] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def url_arguments():
    antwerpen = ocmw("11002")
    case = CaseFactory(
        municipality=antwerpen.municipality,
        referring_organisation=antwerpen,
        funding_basis=Case.FundingBasis.PER_CASE,
        status=Case.Status.INTAKE,
    )
    report = CaseReport(case=case, version=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7"), save=True)
    frozen = FrozenAnswer(
        question_set=QuestionSet.objects.get(slug="samenwerking"),
        reference_date=datetime.date(2018, 12, 31),
        figures={"coverage": [{"cooperating": 1, "municipalities": 308, "percentage": 0}]},
        drilldown={
            "coverage": {
                "params": {"on": "2018-12-31", "start_year": 2018, "end_year": 2018, "province": None},
                "cells": {"0:cooperating": {"records": {"municipalities": [antwerpen.municipality_id]}, "measure": None}},
            }
        },
    )
    frozen.pdf.save("a.pdf", ContentFile(b"%PDF-1.7"), save=True)
    pdf_job = PdfJob.objects.create(
        key="0" * 64, kind=PdfJob.Kind.ANSWER, language="nl-be", filename="a.pdf", state=PdfJob.State.DONE, pdf=b"%PDF-1.7"
    )
    session = TrainingSessionFactory()
    registration = RegistrationFactory(session=session, organisation=antwerpen, organisation_name=antwerpen.name)
    gent_colleague = MembershipFactory(organisation=ocmw("44021"))
    return {
        "reports:answer": {"slug": "samenwerking"},
        "reports:freeze": {"slug": "samenwerking"},
        "reports:frozen": {"frozen_id": frozen.pk},
        "reports:figure": {"name": "coverage"},
        "reports:pdf_job": {"job_id": pdf_job.pk},
        "reports:pdf_job_download": {"job_id": pdf_job.pk},
        "reports:drilldown": {"name": "coverage", "row": 0, "column": "municipalities"},
        "reports:frozen_drilldown": {"frozen_id": frozen.pk, "name": "coverage", "row": 0, "column": "cooperating"},
        "portal:case": {"case_id": case.pk},
        "portal:case_report": {"case_id": case.pk, "version": 1},
        "portal:approve": {"case_id": case.pk},
        "api-report": {"name": "coverage"},
        "province-detail": {"pk": antwerpen.municipality.province_id},
        "municipality-detail": {"pk": antwerpen.municipality_id},
        "organisation-detail": {"pk": antwerpen.pk},
        "agreement-detail": {"pk": AgreementFactory(municipality=antwerpen.municipality).pk},
        "outreach-detail": {"pk": OutreachFactory(organisation=antwerpen, sent_on=datetime.date(2018, 1, 1)).pk},
        "case-detail": {"pk": case.pk},
        "activity-detail": {"pk": Activity.objects.create(case=case, kind="contact", date=datetime.date(2020, 3, 2)).pk},
        "referral-detail": {
            "pk": Referral.objects.create(case=case, ocmw=antwerpen, referred_on=datetime.date(2020, 3, 3), reason="x").pk
        },
        "trainingsession-detail": {"pk": session.pk},
        "registration-detail": {"pk": registration.pk},
        "portal:training_register": {"session_id": session.pk},
        "portal:training_cancel": {"registration_id": registration.pk},
        "portal:deactivate": {"membership_id": gent_colleague.pk},
        "portal:accept_invitation": {"uidb64": "MQ", "token": "set-password"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "cases:detail": {"case_id": case.pk},
        "cases:transition": {"case_id": case.pk},
        "cases:refer_to_local_authority": {"case_id": case.pk},
        "cases:report_generate": {"case_id": case.pk},
        "cases:report_download": {"case_id": case.pk, "version": 1},
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(client, world, name, persona):
    sessions, kwargs = world
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    response = client.get(reverse(name, kwargs=kwargs.get(name)))

    assert response.status_code == MATRIX[name][persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "fmt"), sorted(DOWNLOADS))
def test_each_persona_gets_the_expected_answer_for_a_download(client, world, name, fmt, persona):
    sessions, kwargs = world
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    response = client.get(reverse(name, kwargs=kwargs.get(name)), {"formaat": fmt})

    assert response.status_code == DOWNLOADS[name, fmt][persona]
