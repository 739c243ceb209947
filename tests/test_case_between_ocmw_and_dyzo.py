"""One case between the OCMW and Dyzo: the per-case approval is a decision taken with the case in view, and
both sides see the case, its decision and its timeline the same way (minus what stays with Dyzo)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Activity, Approval, Case
from tests.factories import CaseFactory, TariffBandFactory, UserFactory, municipality, ocmw, sign_in, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(client, partner_admin):
    """The partner admin of OCMW Gent, with a name the approval screen can prefill."""
    partner_admin.first_name, partner_admin.last_name = "An", "Peeters"
    partner_admin.save()
    sign_in(client, partner_admin)
    return client


@pytest.fixture
def staff(coordinator):
    """The coordinator in a client of their own, so a test can look as partner and as staff."""
    staff_client = Client()
    sign_in(staff_client, coordinator)
    return staff_client


@pytest.fixture
def case():
    """A per-case case in Gent that the OCMW of Gent referred, waiting for its decision."""
    return CaseFactory(
        funding_basis=Case.FundingBasis.PER_CASE,
        status=Case.Status.INTAKE,
        phase=Case.Phase.BANKRUPTCY,
        entrepreneur__name="Sofie Maes",
        referring_organisation=ocmw("44021"),
        situation="Achterstallige btw na een brand in de zaak.",
        confidential_notes="Vermoeden van schijnzelfstandigheid.",
    )


def decide(partner, case, **data):
    return partner.post(reverse("portal:approve", args=[case.pk]), {"decided_by_name": "An Peeters", **data})


def approved(case, *, amount="350", by="An Peeters") -> Approval:
    return services.decide_approval(
        case=case,
        organisation=ocmw("44021"),
        decision=Approval.Decision.APPROVED,
        decided_by_name=by,
        decided_on=datetime.date(2024, 3, 5),
        amount=Decimal(amount),
    )


def decision_inputs(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="decision"[^>]*>', html)


# The approval screen.


def test_the_approval_screen_shows_the_case(partner, case):
    page = partner.get(reverse("portal:approve", args=[case.pk])).text

    for fact in ("Sofie Maes", "Achterstallige btw na een brand in de zaak.", "Gent", "Leefbaar faillissement", "OCMW Gent"):
        assert fact in page


def test_the_approval_screen_prefills_the_per_case_tariff(partner, case):
    TariffBandFactory(min_population=0, annual_fee=8500, per_case_fee=350)

    page = partner.get(reverse("portal:approve", args=[case.pk])).text

    assert re.search(r'name="amount" value="350.00"', page)
    assert "Voorgesteld bedrag volgens het tarief per dossier: € 350,00" in page


def test_without_a_per_case_tariff_the_amount_is_left_to_the_partner(partner, case):
    TariffBandFactory(min_population=0, annual_fee=8500, per_case_fee=None)

    page = partner.get(reverse("portal:approve", args=[case.pk])).text

    assert "geen tarief per dossier gekend" in page
    assert not re.search(r'name="amount" value=', page)


def test_no_decision_is_preselected(partner, case):
    inputs = decision_inputs(partner.get(reverse("portal:approve", args=[case.pk])).text)

    assert len(inputs) == 2 and not any("checked" in tag for tag in inputs)


def test_a_decision_must_be_chosen(partner, case):
    response = decide(partner, case, amount="350")

    assert "Kies of u de betaling goedkeurt of weigert." in response.text
    assert not Approval.objects.exists()


def test_a_refusal_without_a_reason_is_refused_in_dutch(partner, case):
    response = decide(partner, case, decision="geweigerd", reason="  ")

    assert "Geef de reden van de weigering op." in response.text
    assert not Approval.objects.exists()


def test_the_admin_refuses_a_refusal_without_a_reason(client, case):
    sign_in(client, staff_user())

    response = client.post(
        reverse("admin:cases_approval_add"),
        {
            "case": case.pk,
            "organisation": ocmw("44021").pk,
            "decision": "geweigerd",
            "decided_by_name": "Jan",
            "decided_on": "01/03/2024",
        },
    )

    assert "Geef de reden van de weigering op." in response.text
    assert not Approval.objects.exists()


def test_a_refusal_with_a_reason_is_kept_with_its_reason(partner, case):
    decide(partner, case, decision="geweigerd", reason="Geen budget meer dit jaar.")

    approval = Approval.objects.get(case=case)
    assert (approval.decision, approval.reason) == ("geweigerd", "Geen budget meer dit jaar.")


def test_deciding_leads_to_the_case_page_that_shows_the_decision(partner, case):
    response = decide(partner, case, decision="goedgekeurd", amount="350")
    page = partner.get(response.url).text

    assert response.url == reverse("portal:case", args=[case.pk])
    assert "Goedgekeurd" in page and "€ 350,00" in page and "An Peeters" in page
    assert timezone.localdate().strftime("%d/%m/%Y") in page


def test_the_staff_case_page_shows_the_decision(staff, case):
    approved(case, amount="420", by="Mieke Claes")

    page = staff.get(reverse("cases:detail", args=[case.pk])).text

    assert "Goedgekeurd" in page and "€ 420,00" in page and "Mieke Claes" in page and "05/03/2024" in page


def test_the_dashboard_lists_what_was_decided(partner, case):
    approved(case)

    page = partner.get(reverse("portal:dashboard")).text
    decided = page[page.index("<h2>Beslist</h2>") :]

    assert "Sofie Maes" in decided and "Goedgekeurd" in decided and "€ 350,00" in decided and "05/03/2024" in decided


def test_a_decided_case_no_longer_waits_on_the_dashboard(partner, case):
    approved(case)

    page = partner.get(reverse("portal:dashboard")).text
    waiting = page[page.index("Wacht op uw beslissing") : page.index("<h2>Beslist</h2>")]

    assert "Sofie Maes" not in waiting


def test_reopening_the_link_shows_the_decision_without_a_form(partner, case):
    approved(case)

    response = partner.get(reverse("portal:approve", args=[case.pk]))

    assert response.status_code == 200
    assert "Goedgekeurd" in response.text and "€ 350,00" in response.text
    assert decision_inputs(response.text) == []


def test_deciding_again_changes_nothing(partner, case):
    approved(case)

    decide(partner, case, decision="geweigerd", reason="Toch niet.")

    assert Approval.objects.get(case=case).decision == Approval.Decision.APPROVED


def test_two_decisions_at_once_keep_the_first():
    case = CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, status=Case.Status.INTAKE)
    approved(case, by="Eerste")

    with pytest.raises(ValidationError, match=r"Over dit dossier is al beslist\."):
        approved(case, by="Tweede")

    assert Approval.objects.get(case=case).decided_by_name == "Eerste"


# The partner's case list.


def test_the_partner_list_shows_name_worker_and_approval_state(partner, case):
    case.case_worker = UserFactory(email="sofie@dyzo.be", first_name="Sofie", last_name="Peeters", is_staff=True)
    case.save()
    Activity.objects.create(case=case, kind=Activity.Kind.MEETING, date=datetime.date(2030, 5, 2))

    row = next(row for row in partner.get(reverse("portal:cases")).text.split("<tr>") if "Sofie Maes" in row)

    assert "01/03/2020" in row and "02/05/2030" in row and "Sofie Peeters" in row and "Wacht op beslissing" in row


def test_the_decision_counts_as_the_last_activity(partner, case):
    Activity.objects.create(case=case, kind=Activity.Kind.MEETING, date=datetime.date(2023, 11, 20))
    approved(case)

    row = next(row for row in partner.get(reverse("portal:cases")).text.split("<tr>") if "Sofie Maes" in row)

    assert "05/03/2024" in row and "20/11/2023" not in row


def test_the_partner_list_searches_by_name(partner, case):
    CaseFactory(entrepreneur__name="Karel Wouters", referring_organisation=ocmw("44021"))

    page = partner.get(reverse("portal:cases"), {"q": "maes"}).text

    assert "Sofie Maes" in page and "Karel Wouters" not in page


def test_the_partner_list_filters_by_status(partner, case):
    CaseFactory(entrepreneur__name="Karel Wouters", referring_organisation=ocmw("44021"))

    page = partner.get(reverse("portal:cases"), {"status": "intake"}).text

    assert "Sofie Maes" in page and "Karel Wouters" not in page


def test_the_partner_list_filters_by_year(partner, case):
    CaseFactory(entrepreneur__name="Karel Wouters", referring_organisation=ocmw("44021"), opened_on=datetime.date(2023, 6, 1))

    page = partner.get(reverse("portal:cases"), {"jaar": "2023"}).text

    assert "Karel Wouters" in page and "Sofie Maes" not in page


def test_a_year_out_of_range_is_a_dutch_message(partner, case):
    response = partner.get(reverse("portal:cases"), {"jaar": "0"})

    assert response.status_code == 200 and "Kies een jaar tussen 2000 en 2100." in response.text


def test_another_organisations_case_never_appears(partner, case):
    CaseFactory(entrepreneur__name="Lies Maes", municipality=municipality("11002"), funding_basis=Case.FundingBasis.PER_CASE)

    page = partner.get(reverse("portal:cases"), {"q": "maes"}).text

    assert "Sofie Maes" in page and "Lies Maes" not in page


def test_the_partner_list_takes_the_same_number_of_queries_for_more_cases(partner, case):
    partner.get(reverse("portal:cases"))  # the first page view also caches who is a partner
    with CaptureQueriesContext(connection) as few:
        partner.get(reverse("portal:cases"))
    for index in range(5):
        approved(CaseFactory(funding_basis=Case.FundingBasis.PER_CASE, referring_organisation=ocmw("44021")), by=f"{index}")

    with CaptureQueriesContext(connection) as more:
        partner.get(reverse("portal:cases"))

    assert len(more) == len(few)


# The case pages of both sides.


def test_both_case_pages_show_the_referrer_the_situation_and_the_timeline(partner, staff, case):
    services.change_status(case=case, to=Case.Status.CLOSED, outcome=Case.Outcome.STOPPED, by=None)

    for page in (
        partner.get(reverse("portal:case", args=[case.pk])).text,
        staff.get(reverse("cases:detail", args=[case.pk])).text,
    ):
        assert "OCMW Gent" in page and "Achterstallige btw na een brand in de zaak." in page
        assert "Status: Afgesloten" in page


def test_confidential_notes_stay_with_dyzo(partner, staff, case):
    assert "schijnzelfstandigheid" not in partner.get(reverse("portal:case", args=[case.pk])).text
    assert "schijnzelfstandigheid" in staff.get(reverse("cases:detail", args=[case.pk])).text


def test_the_partner_sees_that_an_activity_took_place_not_what_dyzo_wrote(partner, staff, case):
    Activity.objects.create(
        case=case, kind=Activity.Kind.MEETING, date=datetime.date(2024, 4, 2), description="Schuldenlast besproken."
    )

    partner_page = partner.get(reverse("portal:case", args=[case.pk])).text
    staff_page = staff.get(reverse("cases:detail", args=[case.pk])).text

    assert "02/04/2024</time> – Gesprek" in partner_page and "Schuldenlast besproken." not in partner_page
    assert "Schuldenlast besproken." in staff_page


def test_the_partner_case_page_offers_the_decision_while_it_waits(partner, case):
    page = partner.get(reverse("portal:case", args=[case.pk])).text

    assert f'href="{reverse("portal:approve", args=[case.pk])}"' in page


# The staff status change.


def test_the_staff_status_form_preselects_no_status(staff, case):
    page = staff.get(reverse("cases:detail", args=[case.pk])).text
    options = re.search(r'<select name="to".*?</select>', page, re.S).group(0)

    assert '<option value="" selected>Kies een status</option>' in options
    assert options.count("selected") == 1


def test_a_status_change_is_confirmed_and_added_to_the_timeline(staff, case):
    approved(case)

    page = staff.post(reverse("cases:transition", args=[case.pk]), {"to": "lopend", "outcome": ""}, follow=True).text

    assert "De status is nu &#x27;Lopend&#x27;." in page
    assert "Status: Lopend" in page[page.index("<h2>Tijdlijn</h2>") :]


def test_a_status_change_without_a_status_changes_nothing(staff, case):
    page = staff.post(reverse("cases:transition", args=[case.pk]), {"to": ""}, follow=True).text

    case.refresh_from_db()
    assert "Kies de nieuwe status." in page and case.status == Case.Status.INTAKE
