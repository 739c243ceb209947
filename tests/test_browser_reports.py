"""The reports in a browser: at phone width nothing is wider than the screen, and the map's
municipalities are reached with the keyboard, each named in the detail panel."""

import shutil

import pytest

from tests.test_browser import CHROMIUM, PHONE, browser, portal, signed_in  # noqa: F401 (the module's fixtures)

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (make test installs it)")

POLICY = ("beleid@vlaanderen.example", "beleid-demo-2026")


def test_on_a_phone_no_report_page_is_wider_than_the_screen(browser, portal):  # noqa: F811
    page = signed_in(browser, portal, *POLICY, viewport=PHONE)
    widths = {}
    for path in [
        "/rapporten/",
        "/rapporten/kaart/",
        "/rapporten/kaart/?provincie=Limburg",
        "/rapporten/evolutie/",
        "/rapporten/antwoord/samenwerking/?op=2018-12-31",
        "/rapporten/antwoord/ocmw-opleidingen/?op=2016-12-31",
        "/rapporten/datakwaliteit/",
    ]:
        page.goto(f"{portal}{path}")
        widths[path] = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

    assert widths == {path: [PHONE["width"], PHONE["width"]] for path in widths}


def test_on_a_phone_the_map_legend_is_as_large_as_the_page_s_text(browser, portal):  # noqa: F811
    page = signed_in(browser, portal, *POLICY, viewport=PHONE)
    page.goto(f"{portal}/rapporten/kaart/")

    sizes = page.evaluate(
        "[getComputedStyle(document.querySelector('#kaart-legende li')).fontSize, getComputedStyle(document.body).fontSize]"
    )

    assert sizes[0] == sizes[1]


def test_the_map_s_municipalities_are_reached_with_the_keyboard(browser, portal):  # noqa: F811
    page = signed_in(browser, portal, *POLICY)
    page.goto(f"{portal}/rapporten/kaart/?op=2018-12-31")
    page.locator(".skip-map").focus()

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")

    assert first.endswith(("Geen samenwerking", "Per dossier", "Advies op afstand", "zitdag")) and second != first
    assert page.locator("#kaart-detail").inner_text() == second


def test_a_tap_on_a_municipality_names_it(browser, portal):  # noqa: F811
    page = signed_in(browser, portal, *POLICY, viewport=PHONE, has_touch=True)
    page.goto(f"{portal}/rapporten/kaart/?op=2018-12-31&provincie=Limburg")
    municipality = page.locator("a.municipality").first

    municipality.tap()

    assert page.locator("#kaart-detail").inner_text() == municipality.get_attribute("aria-label")
