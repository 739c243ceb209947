"""Dutch (nl-BE) formats: dd/mm/jjjj and 1.234,56; English stays available."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format


def render(source, **context):
    return Template("{% load dyzo_format %}" + source).render(Context(context))


def test_dates_read_dd_mm_yyyy():
    assert date_format(datetime.date(2018, 12, 31), "SHORT_DATE_FORMAT") == "31/12/2018"


def test_euro_amounts_group_thousands_with_dots_and_decimals_with_a_comma():
    assert render("{{ amount|euro }}", amount=Decimal("1234.56")) == "€ 1.234,56"


def test_large_counts_are_grouped():
    assert render("{{ count|grouped }}", count=523248) == "523.248"


def test_english_formats_amounts_the_english_way():
    with translation.override("en"):
        assert render("{{ amount|euro }}", amount=Decimal("1234.56")) == "€ 1,234.56"


def test_pages_are_dutch_even_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "E-mailadres" in response.text


def test_english_is_available_by_choice(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/login/"})

    assert "E-mail address" in client.get("/admin/login/").text
