"""Every URL and API operation that writes, fed bad input by every persona: never a server error,
and nothing written unless the answer says it was.

The GET matrix (test_access_matrix) checks who may see what; this one sends each form and API
operation a representative set of bad inputs (empty, too long, too large, negative, wrong type, a
date in 9999, another organisation's id) as anonymous, a partner of another organisation, the
partner, policy staff, a case worker and a coordinator. A walk over the URL resolver fails when a
URL has no row here, so a new form cannot escape it; the admin's add, change, delete and list
pages of every project model get their rows from the admin's own forms.

Each request runs in a savepoint that is rolled back, so every request meets the same world. A
request "wrote" when a count of rows (records, their history, the admin log) or a record's version
changed. Only a redirect (HTML) or a 2xx (API) may write; a 4xx or a page shown again may not.
"""

import datetime
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import AccessLog, Activity, Approval, Case, CaseReport, PayerLine, Referral
from core.api_tokens import issue_token
from core.models import CountedRequest, DataGeneration, SentNotification, TaskFailure
from core.versioning import Versioned
from partnerships import services as partnership_services
from partnerships.models import Agreement, Membership, Organisation, Outreach, TariffBand
from reports.models import FrozenAnswer, PdfJob, QuestionSet
from tests import factories
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    MembershipFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    UserFactory,
    municipality,
    sign_in,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "partner_b", "partner_a", "policy", "case_worker", "coordinator"]
PROJECT_APPS = ["core", "partnerships", "cases", "trainings", "reports"]
NOT_WRITES = {
    AccessLog,
    DataGeneration,
    CountedRequest,
    PdfJob,
    TaskFailure,
}  # reading a case is logged, caches count generations, rate limits count requests, asking for a PDF makes it: no write

TOO_BIG = {
    "text": "x" * 100_000,
    "email": "x" * 300 + "@example.org",
    "number": "9" * 20,
    "amount": "9" * 20,
    "date": "9999-12-31",
    "fk": "9" * 20,
    "choice": "x" * 500,
}
NEGATIVE = {"number": "-1", "amount": "-0.01", "date": "0001-01-01", "fk": "-1", "choice": "-1"}
WRONG_TYPE = {
    "text": "nul\x00teken",
    "email": "geen adres",
    "number": "twintig",
    "amount": "NaN",
    "date": "gisteren",
    "fk": "abc",
    "choice": "[]",
}


@dataclass
class Operation:
    """One way to write through a URL: its method, its fields and their kinds, and a valid base to spoil.

    `other` names, per field, the world's key of another organisation's record."""

    method: str = "post"
    fields: dict = field(default_factory=dict)
    valid: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)
    api: bool = False

    def payloads(self, world: dict) -> list[dict]:
        base = {name: world.get(value, value) if isinstance(value, str) else value for name, value in self.valid.items()}
        spoilt = [{}, {**base, **dict.fromkeys(self.fields, "")}]
        for bad in (TOO_BIG, NEGATIVE, WRONG_TYPE):
            spoilt.append({**base, **{name: bad[kind] for name, kind in self.fields.items() if kind in bad}})
        spoilt += [{**base, name: TOO_BIG[kind]} for name, kind in self.fields.items() if kind in TOO_BIG]
        spoilt += [{**base, name: world[key]} for name, key in self.other.items()]
        if self.api:
            spoilt.append({**base, **{name: [value] for name, value in base.items()}})
        return [payload for index, payload in enumerate(spoilt) if payload not in spoilt[:index]]


READ_ONLY = [Operation()]
"""A page that only shows: a POST with junk changes nothing."""
API_READ_ONLY = [Operation(method=method, fields={"id": "number"}, api=True) for method in ("post", "put", "patch", "delete")]
AGREEMENT_FIELDS = {
    "municipality": "fk",
    "party": "choice",
    "form": "choice",
    "start_date": "date",
    "end_date": "date",
    "signed_on": "date",
    "annual_fee": "amount",
    "notes": "text",
    "version": "number",
}
AGREEMENT = {
    "municipality": "gent_municipality",
    "party": "ocmw",
    "form": "overeenkomst_zonder_zitdag",
    "start_date": "2030-01-01",
    "annual_fee": "100.00",
}
ORGANISATION_FIELDS = {
    "kind": "choice",
    "municipality": "fk",
    "name": "text",
    "contact_person": "text",
    "email": "email",
    "phone": "text",
    "address": "text",
}
ORGANISATION = {"kind": "ocmw", "municipality": "gent_municipality", "name": "OCMW Gent", "phone": "09 123 45 67"}
OUTREACH_FIELDS = {
    "organisation": "fk",
    "sent_on": "date",
    "status": "choice",
    "status_date": "date",
    "decline_reason": "fk",
    "decline_explanation": "text",
    "follow_up_on": "date",
    "notes": "text",
}
OUTREACH = {"organisation": "gent", "sent_on": "2020-01-01", "status": "geen_antwoord"}


def api_writes(fields, valid, *, detail: bool) -> list[Operation]:
    if not detail:
        return [Operation(fields=fields, valid=valid, api=True)]
    return [Operation(method=method, fields=fields, valid=valid, api=True) for method in ("put", "patch")] + [
        Operation(method="delete", api=True)
    ]


MATRIX = {
    "home": READ_ONLY,
    "favicon": READ_ONLY,
    "set_language": [Operation(fields={"language": "choice", "next": "text"}, valid={"language": "en", "next": "/"})],
    "login": [Operation(fields={"username": "email", "password": "text"}, valid={"username": "partner_a@example.org"})],
    "logout": [Operation(fields={"next": "text"})],
    "two_factor": [Operation(fields={"token": "number", "next": "text"})],
    "backup_codes": [Operation()],
    "replace_authenticator": [Operation(fields={"token": "number"})],
    "api_tokens": [Operation()],
    "api_token_revoke": [Operation(fields={"digest": "text"})],
    "password_change": [
        Operation(fields={"old_password": "text", "new_password1": "text", "new_password2": "text"}),
    ],
    "password_change_done": READ_ONLY,
    "password_reset": [Operation(fields={"email": "email"})],
    "password_reset_done": READ_ONLY,
    "password_reset_confirm": [Operation(fields={"new_password1": "text", "new_password2": "text"})],
    "password_reset_complete": READ_ONLY,
    "staff_search": READ_ONLY,
    "reports:index": READ_ONLY,
    "reports:map": READ_ONLY,
    "reports:trend": READ_ONLY,
    "reports:quality": READ_ONLY,
    "reports:answer": READ_ONLY,
    "reports:freeze": [
        Operation(fields={"op": "date", "van": "number", "tot": "number", "provincie": "text"}, valid={"op": "2018-12-31"})
    ],
    "reports:frozen": READ_ONLY,
    "reports:figure": READ_ONLY,
    "reports:pdf_job": READ_ONLY,
    "reports:pdf_job_download": READ_ONLY,
    "reports:drilldown": READ_ONLY,
    "reports:frozen_drilldown": READ_ONLY,
    "portal:dashboard": READ_ONLY,
    "portal:cases": READ_ONLY,
    "portal:referral": [
        Operation(
            fields={"name": "text", "email": "email", "phone": "text", "phase": "choice", "situation": "text"},
            valid={"name": "Jan Peeters", "phone": "09 123 45 67", "phase": "redding", "situation": "Schulden."},
        )
    ],
    "portal:case": READ_ONLY,
    "portal:case_report": READ_ONLY,
    "portal:approve": [
        Operation(
            fields={"decision": "choice", "amount": "amount", "decided_by_name": "text"},
            valid={"decision": "goedgekeurd", "amount": "150.00", "decided_by_name": "Voorzitter"},
        )
    ],
    "portal:summary": READ_ONLY,
    "portal:trainings": READ_ONLY,
    "portal:training_register": [
        Operation(
            fields={"colleague": "fk", "name": "text", "function": "text", "participant_email": "email"},
            valid={"name": "An Janssens", "function": "Maatschappelijk werker"},
            other={"colleague": "partner_b_id"},
        )
    ],
    "portal:training_cancel": [Operation(fields={"registration_id": "fk"})],
    "portal:training_history": READ_ONLY,
    "portal:members": READ_ONLY,
    "portal:invite": [
        Operation(
            fields={"first_name": "text", "last_name": "text", "email": "email", "role": "choice"},
            valid={"first_name": "An", "last_name": "Janssens", "email": "an@example.org", "role": "lid"},
        )
    ],
    "portal:deactivate": [Operation(fields={"membership_id": "fk"})],
    "portal:accept_invitation": [Operation(fields={"new_password1": "text", "new_password2": "text"})],
    "portal:notifications": [
        Operation(fields={"kinds": "choice", "language": "choice"}, valid={"kinds": "akkoord_gevraagd", "language": "en"})
    ],
    "notifications": [
        Operation(fields={"kinds": "choice", "language": "choice"}, valid={"kinds": "nieuwe_aanmelding", "language": "en"})
    ],
    "api-report": API_READ_ONLY,
    "api-root": API_READ_ONLY,
    "province-list": API_READ_ONLY,
    "province-detail": API_READ_ONLY,
    "municipality-list": API_READ_ONLY,
    "municipality-detail": API_READ_ONLY,
    "organisation-list": api_writes(ORGANISATION_FIELDS, ORGANISATION, detail=False),
    "organisation-detail": api_writes(ORGANISATION_FIELDS, ORGANISATION, detail=True),
    "agreement-list": api_writes(AGREEMENT_FIELDS, AGREEMENT, detail=False),
    "agreement-detail": api_writes(AGREEMENT_FIELDS, AGREEMENT, detail=True),
    "outreach-list": api_writes(OUTREACH_FIELDS, OUTREACH, detail=False),
    "outreach-detail": api_writes(OUTREACH_FIELDS, OUTREACH, detail=True),
    "case-list": API_READ_ONLY,
    "case-detail": API_READ_ONLY,
    "activity-list": API_READ_ONLY,
    "activity-detail": API_READ_ONLY,
    "referral-list": API_READ_ONLY,
    "referral-detail": API_READ_ONLY,
    "trainingsession-list": API_READ_ONLY,
    "trainingsession-detail": API_READ_ONLY,
    "registration-list": API_READ_ONLY,
    "registration-detail": API_READ_ONLY,
    "schema": READ_ONLY,
    "api-docs": READ_ONLY,
    "cases:help_request": [
        Operation(
            fields={"name": "text", "email": "email", "phone": "text", "municipality": "fk", "description": "text"},
            valid={
                "name": "Jan Peeters",
                "phone": "09 123 45 67",
                "municipality": "gent_municipality",
                "description": "Hulp.",
                "consent": "on",
            },
        )
    ],
    "cases:help_thanks": READ_ONLY,
    "cases:list": READ_ONLY,
    "cases:detail": READ_ONLY,
    "cases:transition": [Operation(fields={"to": "choice", "outcome": "choice"}, valid={"to": "lopend"})],
    "cases:report_generate": [Operation(fields={"version": "number"})],
    "cases:refer_to_local_authority": [Operation()],
    "cases:report_download": READ_ONLY,
    "admin:partnerships_municipality_offer": READ_ONLY,
    "admin:trainings_session_sheet": READ_ONLY,
    "admin:cases_case_remind": [Operation()],
    "admin:auth_user_password_change": [
        Operation(fields={"password1": "text", "password2": "text", "usable_password": "choice"})
    ],
    "admin:partnerships_agreement_import": [
        Operation(fields={"file": "text", "upload": "text", "confirm": "text"}),
        Operation(valid={"file": "fee_of_20_digits"}),
        Operation(valid={"file": "not_a_table"}),
    ],
}
ADMIN_PAGES = ("add", "change", "delete", "changelist", "history", "simple_history")


def project_admins():
    return {model: model_admin for model, model_admin in admin.site._registry.items() if model._meta.app_label in PROJECT_APPS}


def admin_url_names() -> set[str]:
    """The admin pages of the project's models: the standard ones get their rows from the admin's forms."""
    names = set()
    for model_admin in project_admins().values():
        names |= {f"admin:{pattern.name}" for pattern in model_admin.get_urls() if pattern.name}
    return names


def url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def standard_admin_pages() -> dict[str, tuple]:
    pages = {}
    for model, model_admin in project_admins().items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        names = {pattern.name for pattern in model_admin.get_urls()}
        pages.update({f"admin:{prefix}_{page}": (model, page) for page in ADMIN_PAGES if f"{prefix}_{page}" in names})
    return pages


def test_every_url_that_can_be_written_to_has_a_row():
    names = set(url_names(get_resolver().url_patterns)) | admin_url_names()

    assert names == set(MATRIX) | set(standard_admin_pages())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Partner A's records (OCMW Gent) and partner B's (OCMW Antwerpen), and one user per persona;
    built once for the module inside a transaction that is rolled back at its end."""
    fast = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def build_world() -> dict:
    gent = Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)
    antwerpen = Organisation.objects.get(municipality=municipality("11002"), kind=Organisation.Kind.OCMW)
    case = CaseFactory.create(
        referring_organisation=gent,
        municipality=municipality("44021"),
        funding_basis=Case.FundingBasis.PER_CASE,
        status=Case.Status.INTAKE,
    )
    other_case = CaseFactory.create(referring_organisation=antwerpen, municipality=municipality("11002"))
    report = CaseReport(case=case, version=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7"), save=True)
    frozen = FrozenAnswer(
        question_set=QuestionSet.objects.get(slug="samenwerking"), reference_date=datetime.date(2018, 12, 31), figures={}
    )
    frozen.pdf.save("a.pdf", ContentFile(b"%PDF-1.7"), save=True)
    pdf_job = PdfJob.objects.create(
        key="0" * 64, kind=PdfJob.Kind.ANSWER, language="nl-be", filename="a.pdf", state=PdfJob.State.DONE, pdf=b"%PDF-1.7"
    )
    users = {
        "coordinator": factories.coordinator(),
        "case_worker": factories.case_worker(),
        "partner_a": factories.partner_admin(),
        "partner_b": MembershipFactory.create(organisation=antwerpen, role=Membership.Role.ADMIN).user,
        "policy": factories.policy_officer(),
    }
    session = TrainingSessionFactory.create()
    registration = RegistrationFactory.create(session=session, organisation=gent)
    other_registration = RegistrationFactory.create(session=session, organisation=antwerpen)
    colleague = Membership.objects.create(user=UserFactory.create(email="colleague_a@example.org"), organisation=gent)
    other_colleague = Membership.objects.create(user=UserFactory.create(email="colleague_b@example.org"), organisation=antwerpen)
    agreement = AgreementFactory.create(municipality=municipality("44021"))
    outreach = Outreach.objects.create(organisation=gent, sent_on=datetime.date(2018, 1, 1))
    activity = Activity.objects.create(case=case, kind="contact", date=datetime.date(2020, 3, 2))
    referral = Referral.objects.create(case=case, ocmw=gent, referred_on=datetime.date(2020, 3, 3), reason="x")
    Approval.objects.create(
        case=other_case,
        organisation=antwerpen,
        decision="goedgekeurd",
        decided_by_name="X",
        decided_on=datetime.date(2020, 1, 1),
        amount=100,
    )
    PayerLine.objects.create(case=case, payer="ocmw", amount=100, paid_on=datetime.date(2020, 4, 1))
    TariffBand.objects.create(valid_from=datetime.date(2030, 1, 1), min_population=0, annual_fee=1000)
    AccessLog.objects.create(user=users["coordinator"], case=case, action="bekeken", path="/dossiers/")
    SentNotification.objects.create(
        kind="nieuwe_aanmelding",
        key=f"nieuwe_aanmelding:{case.pk}",
        email="dyzo@example.org",
        user=users["coordinator"],
        about=case,
    )
    issue_token(user=users["partner_a"])
    header = "nis,partij,vorm,begin,einde,jaarbedrag\n"
    kwargs = {
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
        "province-detail": {"pk": municipality("44021").province_id},
        "municipality-detail": {"pk": municipality("44021").pk},
        "organisation-detail": {"pk": gent.pk},
        "agreement-detail": {"pk": agreement.pk},
        "outreach-detail": {"pk": outreach.pk},
        "case-detail": {"pk": case.pk},
        "activity-detail": {"pk": activity.pk},
        "referral-detail": {"pk": referral.pk},
        "trainingsession-detail": {"pk": session.pk},
        "registration-detail": {"pk": registration.pk},
        "portal:training_register": {"session_id": session.pk},
        "portal:training_cancel": {"registration_id": registration.pk},
        "portal:deactivate": {"membership_id": colleague.pk},
        "portal:accept_invitation": {"uidb64": "MQ", "token": "set-password"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "cases:detail": {"case_id": case.pk},
        "cases:transition": {"case_id": case.pk},
        "cases:refer_to_local_authority": {"case_id": case.pk},
        "cases:report_generate": {"case_id": case.pk},
        "cases:report_download": {"case_id": case.pk, "version": 1},
        "admin:partnerships_municipality_offer": {"municipality_id": municipality("44021").pk},
        "admin:trainings_session_sheet": {"session_id": session.pk},
        "admin:cases_case_remind": {"case_id": case.pk},
        "admin:auth_user_password_change": {"id": users["partner_a"].pk},
    }
    return {
        "users": users,
        "kwargs": kwargs,
        "gent": gent.pk,
        "gent_municipality": municipality("44021").pk,
        "partner_b_id": users["partner_b"].pk,
        "other_case": other_case.pk,
        "other_registration": other_registration.pk,
        "other_colleague": other_colleague.pk,
        "fee_of_20_digits": SimpleUploadedFile(
            "o.csv", (header + "44021,ocmw,overeenkomst_zonder_zitdag,2031-01-01,,99999999999999999999\n").encode()
        ),
        "not_a_table": SimpleUploadedFile("o.xlsx", b"\x00\x01 niet echt"),
        "objects": {
            Case: case,
            Organisation: gent,
            Membership: colleague,
            TaskFailure: TaskFailure.objects.create(task="reports.pdf_queue.render_job", attempt=1, error="Traceback"),
        },
    }


def fingerprint() -> tuple:
    """Counts of every project table (records, history, the admin log) and the sum of every version."""
    parts = [f"(SELECT COUNT(*) FROM {LogEntry._meta.db_table})"]
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in PROJECT_APPS or model in NOT_WRITES or model._meta.proxy:
            continue
        parts.append(f"(SELECT COUNT(*) FROM {model._meta.db_table})")
        if issubclass(model, Versioned):
            parts.append(f"(SELECT COALESCE(SUM(version), 0) FROM {model._meta.db_table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return cursor.fetchone()


def test_the_fingerprint_notices_a_new_record(world):
    before = fingerprint()

    Outreach.objects.create(organisation_id=world["gent"], sent_on=datetime.date(2019, 1, 1))

    assert fingerprint() != before


def test_the_fingerprint_notices_a_changed_record(world):
    agreement = Agreement.objects.get(pk=world["kwargs"]["agreement-detail"]["pk"])
    before = fingerprint()

    agreement.notes = "Gewijzigd."
    partnership_services.store_agreement(agreement=agreement)

    assert fingerprint() != before


def persona_client(world, persona) -> Client:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        sign_in(client, world["users"][persona])
    return client


def send(client, method: str, url: str, payload: dict, *, api: bool):
    if api:
        return getattr(client, method)(url, json.dumps(payload, default=str), content_type="application/json")
    if method == "post":
        for value in payload.values():
            if hasattr(value, "seek"):
                value.seek(0)
        return client.post(url, payload)
    return getattr(client, method)(url)


def check(client, method, url, payload, *, api: bool, before: tuple, problems: list, persona: str) -> bool:
    """Sends one request in a savepoint that is rolled back; notes a 5xx, or a write under a refusal.
    Says whether the door was closed (sign in first, forbidden, not found, method not allowed)."""
    with transaction.atomic():
        response = send(client, method, url, payload, api=api)
        written = fingerprint() != before
        transaction.set_rollback(True)
    status = response.status_code
    success = 200 <= status < 300 if api else 300 <= status < 400
    shown = {key: (value[:40] if isinstance(value, str) else value) for key, value in payload.items()}
    if status >= 500:
        error = getattr(response, "exc_info", None) or (None, "")
        problems.append(f"{persona} {method.upper()} {url} {shown}: {status} {error[1]!r}")
    elif written and not success:
        problems.append(f"{persona} {method.upper()} {url} {shown}: {status} but something was written")
    return status in {403, 404, 405} or (status == 302 and "login/" in response.url)


def try_every_payload(client, operations, url, world, *, before: tuple, problems: list, persona: str) -> None:
    """Every bad payload of every operation; once a door is closed to the persona, the others of
    that operation would knock on the same closed door, and are skipped."""
    for operation in operations:
        for payload in operation.payloads(world):
            closed = check(
                client, operation.method, url, payload, api=operation.api, before=before, problems=problems, persona=persona
            )
            if closed:
                break


@pytest.fixture
def quiet(settings):
    settings.HELP_REQUESTS_PER_HOUR = 10_000
    settings.PASSWORD_RESETS_PER_ADDRESS = settings.PASSWORD_RESETS_PER_EMAIL = 10_000
    settings.INVITATIONS_PER_HOUR = 10_000
    settings.AXES_ENABLED = False
    # As on a server, a PDF asked for is queued for the worker, not made inside the request: bad input is the
    # request's to refuse, and the making of each document is tested on its own (test_pdf_jobs, test_task_worker).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_bad_input_never_breaks_a_page_or_an_api_operation(world, quiet, name):
    url = reverse(name, kwargs=world["kwargs"].get(name))
    before = fingerprint()
    problems = []
    for persona in PERSONAS:
        client = persona_client(world, persona)
        try_every_payload(client, MATRIX[name], url, world, before=before, problems=problems, persona=persona)

    assert problems == []


class FormFields(HTMLParser):
    """What a browser would send from the admin's main form: every input, select and textarea by name."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data


def kind_of(form_field) -> str | None:
    for field_class, kind in (
        (forms.ModelMultipleChoiceField, "fk"),
        (forms.ModelChoiceField, "fk"),
        (forms.DecimalField, "amount"),
        (forms.IntegerField, "number"),
        (forms.DateField, "date"),
        (forms.SplitDateTimeField, "datetime"),
        (forms.DateTimeField, "date"),
        (forms.EmailField, "email"),
        (forms.ChoiceField, "choice"),
        (forms.FileField, None),
        (forms.BooleanField, None),
        (forms.CharField, "text"),
    ):
        if isinstance(form_field, field_class):
            return kind
    return None


def admin_operations(model, coordinator_client, url) -> list[Operation]:
    """The admin form as the coordinator sees it, as the valid base; each of its fields spoilt in turn."""
    response = coordinator_client.get(url)
    if response.status_code != 200 or "adminform" not in response.context:
        return [Operation()]
    parser = FormFields()
    parser.feed(response.content.decode())
    base = {name: values if len(values) > 1 else (values[0] if values else "") for name, values in parser.data.items()}
    base.pop("csrfmiddlewaretoken", None)
    fields = {}
    for name, form_field in response.context["adminform"].form.fields.items():
        kind = kind_of(form_field)
        if kind == "datetime":
            fields[f"{name}_0"] = "date"
        elif kind:
            fields[name] = kind
    return [Operation(fields=fields, valid=base)]


@pytest.mark.parametrize("name", sorted(standard_admin_pages()))
def test_bad_input_never_breaks_an_admin_page(world, quiet, name):
    model, page = standard_admin_pages()[name]
    instance = world["objects"].get(model) or model._default_manager.order_by("pk").first()
    args = [] if page in {"add", "changelist"} else [instance.pk]
    if page == "simple_history":
        args.append(instance.history.values_list("history_id", flat=True).first())
    url = reverse(name, args=args)
    coordinator = persona_client(world, "coordinator")
    if page in {"add", "change", "simple_history"}:
        operations = admin_operations(model, coordinator, url)
    elif page == "changelist":
        operations = [Operation(fields={"action": "choice", "_selected_action": "fk", "index": "number"}, valid={"index": "0"})]
    else:
        operations = [Operation(fields={"post": "choice"})]
    before = fingerprint()
    problems = []
    for persona in PERSONAS:
        client = coordinator if persona == "coordinator" else persona_client(world, persona)
        try_every_payload(client, operations, url, world, before=before, problems=problems, persona=persona)

    assert problems == []
