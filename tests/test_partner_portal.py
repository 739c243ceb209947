"""The partner portal: each organisation sees and does only what concerns itself; others' records are a 404."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from cases.models import Approval, Case, CaseReport
from core.roles import POLICY_GROUP
from partnerships.models import Agreement, ConsultationDay, Membership, Organisation
from tests.factories import AgreementFactory, CaseFactory, UserFactory, municipality, sign_in

pytestmark = pytest.mark.django_db


def ocmw(nis_code):
    return Organisation.objects.get(municipality=municipality(nis_code), kind=Organisation.Kind.OCMW)


def partner_of(nis_code, email):
    user = UserFactory(email=email)
    Membership.objects.create(user=user, organisation=ocmw(nis_code))
    return user


@pytest.fixture
def gent_client(client):
    sign_in(client, partner_of("44021", "partner.gent@example.org"))
    return client


@pytest.fixture
def antwerpen_client(client):
    sign_in(client, partner_of("11002", "partner.antwerpen@example.org"))
    return client


def test_a_partner_lands_on_their_dashboard(gent_client):
    response = gent_client.get("/", follow=True)

    assert "OCMW Gent" in response.text


def test_the_dashboard_shows_the_organisations_agreement_and_no_other(gent_client):
    AgreementFactory(
        municipality=municipality("44021"),
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        consultation_schedule="eerste dinsdag van de maand",
    )
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)

    response = gent_client.get(reverse("portal:dashboard"))

    assert "eerste dinsdag van de maand" in response.text and "Per dossier" not in response.text


def test_the_dashboard_names_the_contact_person_at_dyzo(gent_client):
    contact = UserFactory(first_name="Sofie", last_name="Peeters", email="sofie@dyzo.example", is_staff=True)
    Organisation.objects.filter(pk=ocmw("44021").pk).update(dyzo_contact=contact)

    response = gent_client.get(reverse("portal:dashboard"))

    assert "Uw contactpersoon bij Dyzo: Sofie Peeters" in response.text


def test_the_dashboard_lists_the_next_zitdagen_of_the_municipality_whoever_signed(gent_client):
    agreement = AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2020, 1, 1),
        consultation_place="Sociaal Huis Gent",
    )
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2020, 2, 4), hours="9-12 uur")
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2099, 2, 3), hours="9-12 uur")

    response = gent_client.get(reverse("portal:dashboard"))

    assert "03/02/2099 in Sociaal Huis Gent, 9-12 uur" in response.text and "04/02/2020" not in response.text


def test_the_dashboard_leaves_out_other_municipalities_zitdagen(gent_client):
    agreement = AgreementFactory(
        municipality=municipality("11002"),
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2020, 1, 1),
    )
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2099, 2, 3))

    response = gent_client.get(reverse("portal:dashboard"))

    assert "03/02/2099" not in response.text and "Geen zitdagen gepland." in response.text


def test_a_zitdag_belongs_to_an_agreement_with_zitdag():
    agreement = AgreementFactory(
        municipality=municipality("44021"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2020, 1, 1)
    )

    with pytest.raises(ValidationError):
        ConsultationDay(agreement=agreement, date=datetime.date(2020, 2, 4)).full_clean()


def test_a_partner_sees_the_cases_their_organisation_referred(gent_client):
    own = CaseFactory(referring_organisation=ocmw("44021"))
    CaseFactory(referring_organisation=ocmw("11002"), municipality=municipality("11002"))

    response = gent_client.get(reverse("portal:cases"))

    assert [case.pk for case in response.context["cases"]] == [own.pk]


def test_another_organisations_case_is_a_404(antwerpen_client):
    gent_case = CaseFactory(referring_organisation=ocmw("44021"))

    assert antwerpen_client.get(reverse("portal:case", args=[gent_case.pk])).status_code == 404


def test_the_case_page_hides_confidential_notes(gent_client):
    case = CaseFactory(referring_organisation=ocmw("44021"), confidential_notes="schulden bij de schoonbroer")

    response = gent_client.get(reverse("portal:case", args=[case.pk]))

    assert response.status_code == 200 and "schoonbroer" not in response.text


def test_the_referring_ocmw_downloads_the_report(gent_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(referring_organisation=ocmw("44021"))
    report = CaseReport(case=case, version=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7 rapport"), save=True)

    response = gent_client.get(reverse("portal:case_report", args=[case.pk, 1]))

    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_referral_opens_a_case_referred_by_the_partners_organisation(gent_client):
    response = gent_client.post(
        reverse("portal:referral"),
        {"name": "Els Maes", "email": "els@example.org", "phone": "", "phase": "redding", "situation": "Achterstallige btw."},
    )

    case = Case.objects.get()
    assert response.status_code == 302 and case.referring_organisation == ocmw("44021")
    assert gent_client.get(reverse("portal:cases")).context["cases"][0] == case


def test_a_partner_approves_the_one_time_payment_of_a_per_case_case(gent_client):
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    gent_client.post(
        reverse("portal:approve", args=[case.pk]), {"decision": "goedgekeurd", "amount": "350", "decided_by_name": "An Peeters"}
    )

    approval = Approval.objects.get(case=case)
    assert (approval.decision, approval.amount, approval.organisation) == ("goedgekeurd", Decimal("350"), ocmw("44021"))


def test_another_organisation_cannot_approve(antwerpen_client):
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    response = antwerpen_client.post(
        reverse("portal:approve", args=[case.pk]), {"decision": "goedgekeurd", "amount": "350", "decided_by_name": "X"}
    )

    assert response.status_code == 404 and not Approval.objects.exists()


def test_policy_staff_cannot_open_partner_pages(client):
    analyst = UserFactory(email="analist@example.org")
    Group.objects.get_or_create(name=POLICY_GROUP)[0].user_set.add(analyst)
    sign_in(client, analyst)

    assert client.get(reverse("portal:dashboard")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("portal:cases"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_agreements_are_scoped_to_the_partners_organisation():
    partner = partner_of("44021", "partner@example.org")
    own = AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.OCMW, end_date=datetime.date(2016, 12, 31))
    joint = AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.BOTH, start_date=datetime.date(2017, 1, 1))
    AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2010, 12, 31),
    )

    assert set(Agreement.objects.visible_to(partner)) == {own, joint}


def test_the_yearly_summary_suppresses_small_case_numbers(gent_client):
    for _ in range(3):
        CaseFactory(referring_organisation=ocmw("44021"), opened_on=datetime.date(2020, 5, 1))

    response = gent_client.get(reverse("portal:summary"), {"jaar": 2020})

    assert response.context["summary"]["cases"] == "<5" and "&lt;5" in response.text


def test_the_yearly_summary_prorates_the_annual_fee(gent_client):
    AgreementFactory(municipality=municipality("44021"), annual_fee=Decimal("3650"), start_date=datetime.date(2021, 7, 1))

    summary = gent_client.get(reverse("portal:summary"), {"jaar": 2021}).context["summary"]

    assert summary["fees_total"] == Decimal("1840.00")


def test_the_yearly_summary_comes_as_pdf(gent_client, tmp_path):
    response = gent_client.get(reverse("portal:summary"), {"jaar": 2020, "formaat": "pdf"})

    pdf = tmp_path / "jaar.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Jaaroverzicht 2020" in text and "Doorverwijzingen naar het OCMW" in text
