"""Privacy: the public help form, anonymisation, the access log, subject export, scoping, the report PDF."""

import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Count, Sum
from django.urls import reverse

from cases.models import AccessLog, Approval, Case, Entrepreneur, PayerLine
from partnerships.models import Organisation
from tests.factories import CaseFactory, municipality, ocmw
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def help_form(**overrides):
    return {
        "name": "Karel Maes",
        "email": "karel@example.org",
        "phone": "",
        "municipality": municipality("44021").pk,
        "description": "Mijn zaak loopt slecht en ik kan de RSZ niet meer betalen.",
        "consent": "on",
        "website": "",
        **overrides,
    }


def test_a_help_request_creates_a_registered_case_for_triage(client):
    response = client.post(reverse("cases:help_request"), help_form())

    case = Case.objects.get()
    assert response.status_code == 302 and case.status == Case.Status.REGISTERED
    assert case.entrepreneur.name == "Karel Maes" and case.consent_given_at is not None


def test_the_confirmation_promises_discretion_and_echoes_nothing(client):
    response = client.post(reverse("cases:help_request"), help_form(), follow=True)

    assert "discretie" in response.text and "Karel" not in response.text and "RSZ" not in response.text


def test_without_consent_nothing_is_stored(client):
    response = client.post(reverse("cases:help_request"), help_form(consent=""))

    assert "Zonder uw toestemming" in response.text and not Case.objects.exists()


def test_the_honeypot_silently_drops_spam(client):
    response = client.post(reverse("cases:help_request"), help_form(website="http://spam.example"))

    assert response.status_code == 302 and not Case.objects.exists()


def test_the_help_form_is_throttled_per_client_address(client, settings):
    settings.HELP_REQUESTS_PER_HOUR = 2
    for _ in range(2):
        client.post(reverse("cases:help_request"), help_form())

    response = client.post(reverse("cases:help_request"), help_form())

    assert response.status_code == 429 and "Te veel aanvragen" in response.text and Case.objects.count() == 2


def test_the_help_form_labels_every_field(client):
    response = client.get(reverse("cases:help_request"))

    for field in ("id_name", "id_email", "id_municipality", "id_description", "id_consent"):
        assert f'for="{field}"' in response.text


def closed_case(closed_on):
    case = CaseFactory(
        opened_on=closed_on - datetime.timedelta(days=100),
        status=Case.Status.CLOSED,
        outcome=Case.Outcome.SAVED,
        closed_on=closed_on,
        confidential_notes="geheim",
    )
    PayerLine.objects.create(case=case, payer=PayerLine.Payer.MUNICIPALITY, amount=350, paid_on=closed_on)
    return case


def test_anonymisation_removes_personal_data_of_old_closed_cases():
    old = closed_case(datetime.date(2015, 6, 1))

    call_command("anonymise_cases", stdout=io.StringIO())

    old.refresh_from_db()
    entrepreneur = Entrepreneur.objects.get(pk=old.entrepreneur_id)
    assert (entrepreneur.name, entrepreneur.email, entrepreneur.enterprise_number) == ("Geanonimiseerd", "", "")
    assert old.confidential_notes == "" and old.anonymised_at is not None


def test_anonymisation_removes_the_reason_of_a_refusal_also_from_its_history():
    old = closed_case(datetime.date(2015, 6, 1))
    Approval.objects.create(
        case=old,
        organisation=Organisation.objects.get(municipality=old.municipality, kind=Organisation.Kind.OCMW),
        decision=Approval.Decision.DECLINED,
        decided_by_name="Secretaris",
        decided_on=datetime.date(2015, 3, 1),
        reason="Schulden bij de broer van de ondernemer.",
    )

    call_command("anonymise_cases", stdout=io.StringIO())

    assert Approval.objects.get(case=old).reason == ""
    assert not Approval.history.filter(case_id=old.pk).exclude(reason="").exists()


def test_anonymisation_keeps_the_yearly_counts_and_totals():
    closed_case(datetime.date(2015, 6, 1))
    closed_case(datetime.date(2016, 6, 1))

    def counted():
        cases = Case.objects.values("opened_on__year").annotate(count=Count("pk")).order_by("opened_on__year")
        paid = PayerLine.objects.values("paid_on__year", "payer").annotate(total=Sum("amount")).order_by("paid_on__year", "payer")
        return list(cases), list(paid)

    before = counted()

    call_command("anonymise_cases", stdout=io.StringIO())

    assert counted() == before


def test_recent_and_open_cases_are_not_anonymised():
    recent = closed_case(datetime.date.today() - datetime.timedelta(days=30))
    open_case = CaseFactory()

    call_command("anonymise_cases", stdout=io.StringIO())

    assert not Case.objects.filter(pk__in=[recent.pk, open_case.pk], anonymised_at__isnull=False).exists()


def test_a_dry_run_only_counts():
    closed_case(datetime.date(2015, 6, 1))
    out = io.StringIO()

    call_command("anonymise_cases", "--dry-run", stdout=out)

    assert "1 dossier(s) zouden geanonimiseerd worden" in out.getvalue()
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()


def test_the_subject_export_holds_everything_on_the_entrepreneur():
    case = CaseFactory(confidential_notes="afbetalingsplan")
    out = io.StringIO()

    call_command("export_entrepreneur", str(case.entrepreneur_id), stdout=out)

    export = json.loads(out.getvalue())
    assert export["ondernemer"]["ondernemingsnummer"] == "0123.456.749"
    assert export["dossiers"][0]["vertrouwelijke_notities"] == "afbetalingsplan"


def test_viewing_a_case_is_logged(case_worker, case_worker_client):
    case = CaseFactory()

    case_worker_client.get(reverse("cases:detail", args=[case.pk]))

    log = AccessLog.objects.get()
    assert (log.user, log.case, log.action) == (case_worker, case, "dossier bekeken")


def test_the_report_pdf_contains_the_case_and_is_versioned(case_worker_client, media):
    case = CaseFactory(situation="Schulden bij de leverancier van de broodjeszaak.", advice="Leefloon gedurende drie maanden.")
    case_worker_client.post(reverse("cases:report_generate", args=[case.pk]))
    case_worker_client.post(reverse("cases:report_generate", args=[case.pk]))

    response = case_worker_client.get(reverse("cases:report_download", args=[case.pk, 2]))

    text = pdf_text(b"".join(response.streaming_content))
    assert "Rapport sociaal vooronderzoek" in text and "broodjeszaak" in text and "Leefloon" in text and "versie 2" in text
    assert AccessLog.objects.filter(action="rapport v2 gedownload").exists()


def test_the_staff_case_list_filters_by_status(case_worker_client):
    CaseFactory(status=Case.Status.INTAKE)
    CaseFactory()

    response = case_worker_client.get(reverse("cases:list"), {"status": "intake"})

    assert response.context["page"].paginator.count == 1


def test_the_case_list_is_for_staff_only(partner_admin_client):
    assert partner_admin_client.get(reverse("cases:list")).status_code == 302


def test_a_partner_sees_the_cases_their_organisation_referred(partner_admin):
    referred = CaseFactory(referring_organisation=ocmw("44021"))
    CaseFactory(municipality=municipality("11002"))

    assert list(Case.objects.visible_to(partner_admin)) == [referred]


def test_a_partner_sees_cases_in_their_municipality_under_a_subscription(partner_admin):
    subscription = CaseFactory(funding_basis=Case.FundingBasis.SUBSCRIPTION)
    CaseFactory(funding_basis=Case.FundingBasis.OWN_COST)

    assert list(Case.objects.visible_to(partner_admin)) == [subscription]


def test_a_user_without_organisation_sees_no_cases(user_without_role):
    CaseFactory()

    assert not Case.objects.visible_to(user_without_role).exists()
