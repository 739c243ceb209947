"""The case worker's staff home in Chromium, in a module of its own: its portal is a fresh copy of the
demo database, so the case worker's sign-in code is not the one another module already used."""

from tests.test_browser import CHROMIUM, browser, portal, signed_in_staff  # noqa: F401 (the module's fixtures)


def test_a_case_worker_follows_a_line_of_the_staff_home_to_exactly_its_cases(browser, portal):  # noqa: F811
    page = signed_in_staff(browser, portal, "dossier@dyzo.be", "dossier-demo-2026")
    page.goto(f"{portal}/admin/")
    line = page.locator(".staff-home-line", has_text="Aanmeldingen die wachten op triage")
    count = int(line.locator(".staff-home-count").inner_text())

    line.get_by_role("link").click()

    assert page.locator(".paginator").inner_text().startswith(f"{count} dossier")
