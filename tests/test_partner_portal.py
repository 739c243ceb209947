"""The partner portal: each organisation sees and does only what concerns itself; others' records are a 404."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Approval, Case, CaseReport
from partnerships.models import Agreement, ConsultationDay, Organisation
from tests.factories import AgreementFactory, CaseFactory, UserFactory, municipality, ocmw
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_a_partner_lands_on_their_dashboard(partner_admin_client):
    response = partner_admin_client.get("/", follow=True)

    assert "OCMW Gent" in response.text


def test_the_dashboard_shows_the_organisations_agreement_and_no_other(partner_admin_client):
    AgreementFactory(
        municipality=municipality("44021"),
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        consultation_schedule="eerste dinsdag van de maand",
    )
    AgreementFactory(municipality=municipality("11002"), form=Agreement.Form.PER_CASE)

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "eerste dinsdag van de maand" in response.text and "Per dossier" not in response.text


def test_the_dashboard_names_the_contact_person_at_dyzo(partner_admin_client):
    contact = UserFactory(first_name="Sofie", last_name="Peeters", email="sofie@dyzo.example", is_staff=True)
    Organisation.objects.filter(pk=ocmw("44021").pk).update(dyzo_contact=contact)

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "Uw contactpersoon bij Dyzo: Sofie Peeters" in response.text


def test_the_dashboard_lists_the_next_zitdagen_of_the_municipality_whoever_signed(partner_admin_client):
    agreement = AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2020, 1, 1),
        consultation_place="Sociaal Huis Gent",
    )
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2020, 2, 4), hours="9-12 uur")
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2099, 2, 3), hours="9-12 uur")

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "03/02/2099 in Sociaal Huis Gent, 9-12 uur" in response.text and "04/02/2020" not in response.text


def test_the_dashboard_leaves_out_other_municipalities_zitdagen(partner_admin_client):
    agreement = AgreementFactory(
        municipality=municipality("11002"),
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2020, 1, 1),
    )
    ConsultationDay.objects.create(agreement=agreement, date=datetime.date(2099, 2, 3))

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "03/02/2099" not in response.text and "Geen zitdagen gepland." in response.text


def test_a_zitdag_belongs_to_an_agreement_with_zitdag():
    agreement = AgreementFactory(
        municipality=municipality("44021"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2020, 1, 1)
    )

    with pytest.raises(ValidationError):
        ConsultationDay(agreement=agreement, date=datetime.date(2020, 2, 4)).full_clean()


def test_a_partner_sees_the_cases_their_organisation_referred(partner_admin_client):
    own = CaseFactory(referring_organisation=ocmw("44021"))
    CaseFactory(referring_organisation=ocmw("11002"), municipality=municipality("11002"))

    response = partner_admin_client.get(reverse("portal:cases"))

    assert [case.pk for case in response.context["cases"]] == [own.pk]


def test_another_organisations_case_is_a_404(partner_admin_client):
    antwerpen_case = CaseFactory(municipality=municipality("11002"), referring_organisation=ocmw("11002"))

    assert partner_admin_client.get(reverse("portal:case", args=[antwerpen_case.pk])).status_code == 404


def test_the_case_page_hides_confidential_notes(partner_admin_client):
    case = CaseFactory(referring_organisation=ocmw("44021"), confidential_notes="schulden bij de schoonbroer")

    response = partner_admin_client.get(reverse("portal:case", args=[case.pk]))

    assert response.status_code == 200 and "schoonbroer" not in response.text


def test_the_referring_ocmw_downloads_the_report(partner_admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(referring_organisation=ocmw("44021"))
    report = CaseReport(case=case, version=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7 rapport"), save=True)

    response = partner_admin_client.get(reverse("portal:case_report", args=[case.pk, 1]))

    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_referral_opens_a_case_referred_by_the_partners_organisation(partner_admin_client):
    response = partner_admin_client.post(
        reverse("portal:referral"),
        {"name": "Els Maes", "email": "els@example.org", "phone": "", "phase": "redding", "situation": "Achterstallige btw."},
    )

    case = Case.objects.get()
    assert response.status_code == 302 and case.referring_organisation == ocmw("44021")
    assert partner_admin_client.get(reverse("portal:cases")).context["cases"][0] == case


def test_a_partner_approves_the_one_time_payment_of_a_per_case_case(partner_admin_client):
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    partner_admin_client.post(
        reverse("portal:approve", args=[case.pk]), {"decision": "goedgekeurd", "amount": "350", "decided_by_name": "An Peeters"}
    )

    approval = Approval.objects.get(case=case)
    assert (approval.decision, approval.amount, approval.organisation) == ("goedgekeurd", Decimal("350"), ocmw("44021"))


def test_another_organisation_cannot_approve(partner_admin_client):
    case = CaseFactory(municipality=municipality("11002"), funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)

    response = partner_admin_client.post(
        reverse("portal:approve", args=[case.pk]), {"decision": "goedgekeurd", "amount": "350", "decided_by_name": "X"}
    )

    assert response.status_code == 404 and not Approval.objects.exists()


def test_policy_staff_cannot_open_partner_pages(policy_client):
    assert policy_client.get(reverse("portal:dashboard")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("portal:cases"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_agreements_are_scoped_to_the_partners_organisation(partner_admin):
    own = AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.OCMW, end_date=datetime.date(2016, 12, 31))
    joint = AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.BOTH, start_date=datetime.date(2017, 1, 1))
    AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2010, 12, 31),
    )

    assert set(Agreement.objects.visible_to(partner_admin)) == {own, joint}


def test_the_yearly_summary_suppresses_small_case_numbers(partner_admin_client):
    for _ in range(3):
        CaseFactory(referring_organisation=ocmw("44021"), opened_on=datetime.date(2020, 5, 1))

    response = partner_admin_client.get(reverse("portal:summary"), {"jaar": 2020})

    assert response.context["summary"]["cases"] == "<5" and "&lt;5" in response.text


def test_the_yearly_summary_prorates_the_annual_fee(partner_admin_client):
    AgreementFactory(municipality=municipality("44021"), annual_fee=Decimal("3650"), start_date=datetime.date(2021, 7, 1))

    summary = partner_admin_client.get(reverse("portal:summary"), {"jaar": 2021}).context["summary"]

    assert summary["fees_total"] == Decimal("1840.00")


def test_the_yearly_summary_comes_as_pdf_naming_the_organisation(partner_admin_client):
    response = partner_admin_client.get(reverse("portal:summary"), {"jaar": 2020, "formaat": "pdf"})

    text = pdf_text(response.content)
    assert "Jaaroverzicht 2020" in text and "OCMW Gent" in text and "Doorverwijzingen naar het OCMW" in text


def test_the_yearly_summary_names_the_organisation(partner_admin_client):
    response = partner_admin_client.get(reverse("portal:summary"), {"jaar": 2020})

    assert '<p class="organisation">OCMW Gent</p>' in response.text


def test_the_yearly_summary_opens_on_the_last_complete_year(partner_admin_client):
    last_year = timezone.localdate().year - 1

    response = partner_admin_client.get(reverse("portal:summary"))

    assert response.context["year"] == last_year and f"Jaaroverzicht {last_year}" in response.text


def test_the_dashboard_shows_the_gemeentes_agreement_an_ocmw_works_under(partner_admin_client):
    AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2016, 1, 1),
        consultation_schedule="elke donderdag",
    )

    response = partner_admin_client.get(reverse("portal:dashboard"))

    row = re.search(r"<tr><td>Overeenkomst met zitdag</td><td>([^<]*)</td>", response.text)
    assert row and row.group(1) == "Gemeente" and "elke donderdag" in response.text
    assert "geen overeenkomst van kracht" not in response.text


def test_the_dashboard_marks_the_agreement_the_organisation_holds_itself(partner_admin_client):
    AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.OCMW, start_date=datetime.date(2016, 1, 1))

    response = partner_admin_client.get(reverse("portal:dashboard"))

    assert "<td>OCMW (uw organisatie)</td>" in response.text


def test_the_yearly_summary_shows_the_gemeentes_agreement_but_charges_the_ocmw_only_its_own(partner_admin_client):
    AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.GEMEENTE,
        annual_fee=Decimal("3650"),
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    AgreementFactory(
        municipality=municipality("44021"),
        party=Agreement.Party.OCMW,
        annual_fee=Decimal("730"),
        start_date=datetime.date(2021, 7, 1),
    )

    response = partner_admin_client.get(reverse("portal:summary"), {"jaar": 2021})

    parties = [agreement.party for agreement, _fee in response.context["summary"]["agreements"]]
    assert parties == [Agreement.Party.OCMW, Agreement.Party.GEMEENTE]
    assert response.context["summary"]["fees_total"] == Decimal("368.00")
    assert "Geen overeenkomst in dit jaar" not in response.text
