"""The map zooms to a province and names each municipality to the keyboard; the trend page draws
cooperation over time as SVG with its table, in HTML and PDF."""

import datetime
import re

import pytest
from django.urls import reverse

from partnerships.models import Agreement, Municipality
from partnerships.selectors import cooperation_by_province
from tests.factories import AgreementFactory, municipality
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db
DAY = datetime.date(2018, 12, 31)


def view_box(html: str) -> str:
    match = re.search(r'<svg[^>]*viewBox="([^"]+)"', html)
    assert match, "no map"
    return match.group(1)


def map_page(client, **query):
    return client.get(reverse("reports:map"), {"op": DAY.isoformat(), **query}).text


def test_the_province_filter_zooms_the_map_to_the_province(policy_client):
    assert view_box(map_page(policy_client, provincie="Limburg")) != view_box(map_page(policy_client))


def test_the_province_filter_counts_the_province_s_municipalities(policy_client):
    count = Municipality.objects.existing_on(DAY).filter(province__name_nl="Limburg").count()

    text = map_page(policy_client, provincie="Limburg")

    assert f"Limburg telt {count} gemeenten op deze datum." in text and text.count('class="municipality"') == count


def test_without_a_province_the_map_counts_flanders(policy_client):
    count = Municipality.objects.existing_on(DAY).count()

    assert f"Vlaanderen telt {count} gemeenten op deze datum." in map_page(policy_client)


def test_each_municipality_is_a_link_that_says_its_name_and_status(policy_client):
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2016, 1, 1))

    text = map_page(policy_client)

    assert re.search(r'<a href="#kaart-detail" class="municipality" aria-label="Gent: Per dossier">', text)


def test_the_map_s_detail_panel_is_filled_by_a_static_script_not_inline_code(policy_client):
    text = map_page(policy_client)

    assert 'id="kaart-detail"' in text and '<script src="/static/js/map.js" defer></script>' in text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)


def test_the_legend_is_text_of_the_page_with_the_counts(policy_client):
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2016, 1, 1))

    text = map_page(policy_client, provincie="Oost-Vlaanderen")

    assert re.search(r'<ul id="kaart-legende".*Per dossier: <strong>1</strong>', text, re.S)


def test_the_map_pdf_of_a_province_names_it(policy_client):
    response = policy_client.get(reverse("reports:map"), {"op": DAY.isoformat(), "provincie": "Limburg", "formaat": "pdf"})

    assert "Samenwerking met Dyzo op 31/12/2018, Limburg" in pdf_text(response.content)


def test_the_trend_page_draws_both_charts_with_their_tables(policy_client):
    text = policy_client.get(reverse("reports:trend")).text

    assert text.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2 and text.count("<table>") == 2
    assert "Gemeenten per vorm van samenwerking, Vlaanderen" in text and "Samenwerkende gemeenten per provincie" in text


def test_the_trend_table_gives_the_province_table_s_count_on_a_plotted_day(policy_client):
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2017, 5, 1))
    total = cooperation_by_province(on=datetime.date(2018, 1, 1))[-1]

    text = policy_client.get(reverse("reports:trend")).text

    row = re.search(r"<tr><td>01/01/2018</td>(.*?)</tr>", text)
    assert row and re.findall(r'<td class="number">(\d+)</td>', row.group(1))[:5] == [
        str(total[key]) for key in ("agreement", "per_case", "remote_advice", "total", "none")
    ]


def test_the_trend_for_a_province_draws_only_that_province(policy_client):
    text = policy_client.get(reverse("reports:trend"), {"provincie": "Limburg"}).text

    assert "Gemeenten per vorm van samenwerking, Limburg" in text and "per provincie</h2>" not in text


def test_the_trend_pdf_holds_the_charts_and_the_table(policy_client):
    response = policy_client.get(reverse("reports:trend"), {"formaat": "pdf"})

    text = pdf_text(response.content)
    assert (
        response["Content-Type"] == "application/pdf" and "Samenwerkende gemeenten per provincie" in text and "01/01/2016" in text
    )


def test_an_unknown_province_on_the_trend_page_is_refused_in_dutch(policy_client):
    response = policy_client.get(reverse("reports:trend"), {"provincie": "Brabant"})

    assert response.status_code == 400 and "Onbekende provincie &#x27;Brabant&#x27;." in response.text
