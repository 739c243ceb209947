"""Money in the admin reads as in the rest of the portal: `470.000,00`, grouped in thousands, in the reader's language."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import Approval, Case, PayerLine
from reports.models import Funding
from tests.factories import AgreementFactory, CaseFactory, TariffBandFactory, municipality, ocmw

pytestmark = pytest.mark.django_db


def cell(column, text):
    return f'<td class="field-{column}">{text}</td>'


def test_the_annual_fee_of_an_agreement_is_grouped_in_thousands(coordinator_client):
    AgreementFactory(annual_fee=Decimal("470000"))

    page = coordinator_client.get(reverse("admin:partnerships_agreement_changelist")).text

    assert cell("annual_fee_eur", "470.000,00") in page


def test_an_agreement_without_a_fee_shows_the_empty_mark(coordinator_client):
    AgreementFactory(form="per_dossier", annual_fee=None)

    page = coordinator_client.get(reverse("admin:partnerships_agreement_changelist")).text

    assert cell("annual_fee_eur", "-") in page


def test_the_tariff_bands_show_both_fees_grouped(coordinator_client):
    TariffBandFactory(annual_fee=Decimal("12500"), per_case_fee=Decimal("1250.5"))

    page = coordinator_client.get(reverse("admin:partnerships_tariffband_changelist")).text

    assert cell("annual_fee_eur", "12.500,00") in page
    assert cell("per_case_fee_eur", "1.250,50") in page


def test_the_amount_column_sorts_by_the_amount(coordinator_client):
    TariffBandFactory(annual_fee=Decimal("9000"), min_population=0)
    TariffBandFactory(annual_fee=Decimal("12500"), min_population=10000)
    changelist = reverse("admin:partnerships_tariffband_changelist")
    column = coordinator_client.get(changelist).context["cl"].list_display.index("annual_fee_eur")

    response = coordinator_client.get(changelist, {"o": f"-{column}"})

    assert [band.annual_fee for band in response.context["cl"].result_list] == [Decimal("12500"), Decimal("9000")]


def per_case_case():
    return CaseFactory(municipality=municipality("44021"), funding_basis=Case.FundingBasis.PER_CASE)


def test_approvals_and_payer_lines_show_their_amounts_grouped_in_their_lists(coordinator_client):
    case = per_case_case()
    Approval.objects.create(
        case=case,
        organisation=ocmw("44021"),
        decision="goedgekeurd",
        amount=Decimal("1250"),
        decided_by_name="An",
        decided_on=datetime.date(2020, 3, 1),
    )
    PayerLine.objects.create(
        case=case, payer=PayerLine.Payer.MUNICIPALITY, amount=Decimal("1250"), paid_on=datetime.date(2020, 4, 1)
    )

    approvals = coordinator_client.get(reverse("admin:cases_approval_changelist")).text
    payer_lines = coordinator_client.get(reverse("admin:cases_payerline_changelist")).text

    assert cell("amount_eur", "1.250,00") in approvals
    assert cell("amount_eur", "1.250,00") in payer_lines


def test_the_case_page_shows_the_approved_and_paid_amounts_grouped(coordinator_client):
    case = per_case_case()
    Approval.objects.create(
        case=case,
        organisation=ocmw("44021"),
        decision="goedgekeurd",
        amount=Decimal("1250"),
        decided_by_name="An",
        decided_on=datetime.date(2020, 3, 1),
    )
    PayerLine.objects.create(
        case=case, payer=PayerLine.Payer.MUNICIPALITY, amount=Decimal("2500"), paid_on=datetime.date(2020, 4, 1)
    )

    page = re.sub(r">\s+<", "><", coordinator_client.get(reverse("admin:cases_case_change", args=[case.pk])).text)

    assert '<td class="field-amount_eur"><p>1.250,00</p></td>' in page
    assert '<td class="field-amount_eur"><p>2.500,00</p></td>' in page


def test_funding_is_grouped_in_thousands(coordinator_client):
    Funding.objects.create(year=2018, funder="Agentschap Innoveren & Ondernemen", amount=Decimal("470000"))

    page = coordinator_client.get(reverse("admin:reports_funding_changelist")).text

    assert cell("amount_eur", "470.000,00") in page


def test_in_english_the_amount_uses_english_separators(coordinator_client):
    Funding.objects.create(year=2018, funder="Agentschap Innoveren & Ondernemen", amount=Decimal("470000"))
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = coordinator_client.get(reverse("admin:reports_funding_changelist")).text

    assert cell("amount_eur", "470,000.00") in page
