"""Each role's first day in Chromium, at desktop and phone width: every page they open first fits the
screen, speaks Dutch and logs no console error; policy staff open every figure, and none is empty."""

import re

import pytest

from demo.accounts import demo_totp_code
from reports.figures import FIGURES
from tests.test_browser import CHROMIUM, PHONE, browser, portal, signed_in  # noqa: F401 (the module's fixtures)

DESKTOP = {"width": 1280, "height": 900}
STAFF = ["/admin/", "/admin/cases/case/", "/dossiers/", "/zoeken/?q=Gent", "/rapporten/", "/account/meldingen/"]
FIRST_DAY = {
    "coordinator": (
        "dyzo@dyzo.be",
        "dyzo-demo-2026",
        [*STAFF, "/admin/partnerships/agreement/", "/admin/trainings/trainingsession/"],
    ),
    "case worker": ("dossier@dyzo.be", "dossier-demo-2026", STAFF),
    "partner": (
        "ocmw.gent@gent.example",
        "gent-demo-2026",
        ["/partner/", "/partner/dossiers/", "/partner/opleidingen/", "/partner/jaaroverzicht/", "/partner/meldingen/"],
    ),
    "policy staff": (
        "beleid@vlaanderen.example",
        "beleid-demo-2026",
        [
            "/rapporten/",
            "/rapporten/kaart/",
            "/rapporten/evolutie/",
            "/rapporten/datakwaliteit/",
            *[f"/rapporten/cijfer/{name}/" for name in FIGURES],
        ],
    ),
}
# A figure's table has a row with a non-zero number, or, in a list without numbers, a row with text.
SHOWS_DATA = """() => [...document.querySelectorAll("table.figure tbody tr:not(.total)")].some((row) => {
    if (row.querySelector("td[colspan]")) return false;
    const numbers = [...row.querySelectorAll("td.number")].map((cell) => cell.textContent);
    if (numbers.length) return numbers.some((number) => /[1-9]/.test(number));
    return [...row.querySelectorAll("td")].some((cell) => cell.textContent.trim());
})"""
ENGLISH = re.compile(r"Django administration|Recent actions|Log out|Select .* to change| object \(\d+\)|\bSave\b|\bDelete\b")


def first_day(browser, portal, role):  # noqa: F811
    email, password, paths = FIRST_DAY[role]
    page = signed_in(browser, portal, email, password, viewport=DESKTOP)
    if page.locator("#id_token").count():
        page.fill("#id_token", demo_totp_code())
        page.click("form.stacked button[type=submit]")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    findings = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in paths:
            response = page.goto(f"{portal}{path}")
            text = page.locator("body").inner_text()
            if response is None or response.status >= 400:
                findings.append(f"{path}: {response and response.status}")
            if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
                findings.append(f"{path} wider than {viewport['width']} px")
            if english := ENGLISH.search(text):
                findings.append(f"{path}: English '{english.group()}'")
            if "/cijfer/" in path and not page.evaluate(SHOWS_DATA):
                findings.append(f"{path}: an empty figure")
    page.context.close()
    return findings + [f"console: {error}" for error in errors]


@pytest.mark.parametrize("role", FIRST_DAY)
def test_each_role_s_first_pages_fit_the_screen_speak_dutch_and_log_no_error(browser, portal, role):  # noqa: F811
    assert first_day(browser, portal, role) == []
