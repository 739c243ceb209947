"""On the demo data, every figure opened on its default parameters shows numbers, for everyone who reads reports:
a product that opens on an empty table looks broken, whatever the reason."""

import re

import pytest
from django.urls import reverse
from lxml import html

from reports.figures import FIGURES

pytestmark = pytest.mark.django_db

ZERO = re.compile(r"^[\s0.,%€–-]*$")


def data_rows(page: str) -> list[list[str]]:
    """The table's rows that show something: a non-zero number, or, in a list without numbers, any text."""
    shown = []
    for row in html.fromstring(page).xpath("//table[contains(@class, 'figure')]/tbody/tr[not(@class='total')][not(td/@colspan)]"):
        numbers = [cell.text_content() for cell in row.xpath("td[contains(@class, 'number')]")]
        texts = [cell.text_content().strip() for cell in row.xpath("td")]
        if any(not ZERO.match(number) for number in numbers) or (not numbers and any(texts)):
            shown.append(texts)
    return shown


@pytest.mark.parametrize("reader", ["coordinator_client", "case_worker_client", "policy_client"])
@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_opens_with_data_on_its_default_parameters(demo_data, request, reader, name):
    page = request.getfixturevalue(reader).get(reverse("reports:figure", args=[name]))

    assert page.status_code == 200
    assert data_rows(page.text), f"{name} opens empty"


def test_the_funding_of_recent_years_is_marked_as_synthetic_demo_data(demo_data, policy_client):
    page = policy_client.get(reverse("reports:figure", args=["funding"])).text

    assert "Ontvangen financiering: telt synthetische demogegevens" in page
