"""Browser tests: Debian's Chromium, driven by Playwright, against a real portal server with the demo data.

The server runs in its own process on its own copy of the demo database (conftest
`demo_database`, loaded by the same commands as `make run`), so these tests see what a person sees.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from demo.accounts import demo_totp_code
from tests.helpers import pdf_text
from tests.scratch_databases import ScratchDatabases

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

SECOND_PARTNER = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from partnerships.models import Membership, Organisation
user = get_user_model().objects.create_user("ocmw.antwerpen@antwerpen.example", password="antwerpen-test-2026")
ocmw = Organisation.objects.get(kind="ocmw", municipality__nis_code="11002", municipality__valid_from__isnull=False)
Membership.objects.create(user=user, organisation=ocmw)
get_user_model().objects.create_user("slot.test@example.org", password="slot-test-2026")
"""

PER_CASE_PARTNER = """
from django.contrib.auth import get_user_model
from cases.models import Case
from partnerships.models import Membership, Organisation
waiting = Case.objects.filter(funding_basis="per_dossier", approval__isnull=True, municipality__organisations__kind="ocmw")
case = waiting.exclude(status="afgesloten").order_by("pk").first()
user = get_user_model().objects.create_user("ocmw.perdossier@example.org", password="per-dossier-test-2026")
Membership.objects.create(user=user, organisation=Organisation.objects.get(kind="ocmw", municipality=case.municipality))
"""

SECOND_COORDINATOR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from core.roles import COORDINATOR_GROUP
from demo.accounts import DEMO_TOTP_KEY
user = get_user_model().objects.create_user("tweede.coordinator@dyzo.example", password="tweede-test-2026", is_staff=True)
user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY, confirmed=True)
"""

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (make test installs it)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def portal(demo_database, tmp_path_factory):
    """A portal on a copy of the demo database, served on a free port for this module, with a background-task
    worker beside it as `make run` starts one (scripts/with_worker.py)."""
    with ScratchDatabases(tmp_path_factory.mktemp("portal"), "browser") as databases:
        databases.copy("browser", source=demo_database, source_role="demo")
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": databases.url("browser"), "SECRET_KEY": "browser-tests-only"}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        script = "\n".join((SECOND_PARTNER, PER_CASE_PARTNER, SECOND_COORDINATOR))
        subprocess.run([*manage, "shell", "-c", script, "-v", "0"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                str(Path(settings.BASE_DIR) / "scripts" / "with_worker.py"),
                *manage,
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60  # the worker starts beside it, on a machine that may be busy
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/account/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def signed_in(browser, portal, email, password, **context):
    page = browser.new_context(accept_downloads=True, locale="nl-BE", **context).new_page()
    page.goto(f"{portal}/account/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    return page


def signed_in_staff(browser, portal, email, password, **context):
    """A demo staff login through both steps; a code is valid only once per login and time step."""
    page = signed_in(browser, portal, email, password, **context)
    page.asked_for_code = page.locator("h1").inner_text() == "Tweestapsverificatie"
    page.fill("#id_token", demo_totp_code())
    page.click("form.stacked button[type=submit]")
    return page


@pytest.fixture(scope="module")
def staff(browser, portal):
    """The demo coordinator, signed in once per module."""
    return signed_in_staff(browser, portal, "dyzo@dyzo.be", "dyzo-demo-2026")


def test_staff_sign_in_with_a_code_from_their_app(staff, portal):
    assert staff.asked_for_code
    assert staff.url == f"{portal}/admin/"


def test_five_wrong_passwords_lock_the_sign_in(browser, portal):
    for _ in range(5):
        page = signed_in(browser, portal, "slot.test@example.org", "verkeerd")

    page = signed_in(browser, portal, "slot.test@example.org", "slot-test-2026")

    assert page.locator("h1").inner_text() == "Aanmelden tijdelijk geblokkeerd"


def test_pages_break_no_rule_of_the_content_security_policy(browser, portal, staff):
    violations = []
    pages = {
        signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026"): [
            "/partner/",
            "/partner/dossiers/",
            "/partner/dossiers/nieuw/",
            "/partner/jaaroverzicht/",
        ],
        signed_in(browser, portal, "beleid@vlaanderen.example", "beleid-demo-2026"): [
            "/rapporten/",
            "/rapporten/kaart/?op=2018-12-31",
            "/rapporten/antwoord/samenwerking/?op=2018-12-31",
            "/rapporten/cijfer/cooperation-by-province/cel/0/total/?op=2018-12-31",
        ],
        staff: [
            "/admin/",
            "/admin/partnerships/agreement/",
            "/admin/partnerships/agreement/add/",
            "/dossiers/",
            "/hulp/",
            "/api/docs/",
        ],
    }
    for page, paths in pages.items():
        page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
        for path in paths:
            page.goto(f"{portal}{path}")
            page.wait_for_load_state("networkidle")

    assert violations == []


def test_a_partner_refers_an_entrepreneur_and_finds_the_case_in_the_list(browser, portal):
    page = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026")

    page.click("text=Nieuwe doorverwijzing")
    page.fill("#id_name", "Hanne Browsertest")
    page.select_option("#id_phase", "redding")
    page.fill("#id_situation", "Achterstallige sociale bijdragen.")
    page.click("form.stacked button[type=submit]")
    page.click("text=Dossiers")

    assert page.locator("tbody tr").count() > 0
    assert page.locator("h1").inner_text() == "Dossiers van uw organisatie"


def test_a_partner_registers_a_colleague_for_an_upcoming_session(browser, portal):
    page = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026")

    page.get_by_role("link", name="Opleidingen", exact=True).click()
    page.get_by_role("link", name="Collega inschrijven").first.click()
    page.fill("#id_name", "Lotte Browsertest")
    page.fill("#id_function", "maatschappelijk werker")
    page.click("form.stacked button[type=submit]")

    assert page.locator(".message").inner_text() == "Lotte Browsertest is ingeschreven."
    assert page.locator("tbody tr", has_text="Lotte Browsertest").count() == 1


def test_on_a_phone_no_partner_page_is_wider_than_the_screen(browser, portal):
    """Wide tables scroll inside their box; the page itself never scrolls sideways."""
    page = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026", viewport=PHONE)
    widths = {}
    for path in [
        "/partner/",
        "/partner/opleidingen/",
        "/partner/dossiers/",
        "/partner/jaaroverzicht/",
        "/account/password_change/",
    ]:
        page.goto(f"{portal}{path}")
        widths[path] = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

    assert widths == {path: [PHONE["width"], PHONE["width"]] for path in widths}


def test_on_a_phone_the_header_is_one_line_with_a_menu_that_opens_on_a_tap(browser, portal):
    page = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026", viewport=PHONE)
    trainings = page.get_by_role("link", name="Opleidingen", exact=True)

    assert page.locator(".site-header").bounding_box()["height"] < PHONE["height"] / 10
    assert not trainings.is_visible()
    page.get_by_text("Menu", exact=True).click()
    trainings.click()
    assert page.locator("h1").inner_text() == "Opleidingen"


def test_a_partner_downloads_a_case_report(browser, portal, staff):
    gent = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026")
    gent.goto(f"{portal}/partner/dossiers/")
    case_url = gent.locator("tbody tr a").first.get_attribute("href")
    case_id = case_url.rstrip("/").rsplit("/", 1)[-1]
    staff.goto(f"{portal}/dossiers/{case_id}/")
    staff.click("text=Rapport (opnieuw) maken")

    gent.goto(f"{portal}{case_url}")
    with gent.expect_download() as download:
        gent.click("text=Rapport sociaal vooronderzoek, versie 1")

    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def test_a_partner_approves_a_per_case_payment_with_the_case_in_view_and_dyzo_sees_the_decision(browser, portal, staff):
    partner = signed_in(browser, portal, "ocmw.perdossier@example.org", "per-dossier-test-2026")
    partner.get_by_role("link", name=re.compile("eenmalige betaling goedkeuren of weigeren")).first.click()
    case_id = partner.url.rstrip("/").rsplit("/", 1)[-1]
    facts = partner.locator("table.facts").inner_text()

    assert all(label in facts for label in ("Ondernemer", "Gemeente", "Fase"))
    assert partner.locator(".situation").inner_text() == "Synthetische demogegevens."
    assert partner.input_value("#id_amount") == "350.00"
    assert partner.locator("input[name=decision]:checked").count() == 0

    partner.get_by_label("Goedgekeurd").check()
    partner.fill("#id_decided_by_name", "Mieke Browsertest")
    partner.click("form.stacked button[type=submit]")
    staff.goto(f"{portal}/dossiers/{case_id}/")
    decision = staff.locator("h2:has-text('Akkoord van het lokale bestuur') + table").inner_text()

    assert partner.locator(".message").inner_text() == "De beslissing is bewaard."
    assert "Goedgekeurd" in decision and "€ 350,00" in decision and "Mieke Browsertest" in decision


def test_another_partner_gets_a_404_on_that_case(browser, portal):
    gent = signed_in(browser, portal, "ocmw.gent@gent.example", "gent-demo-2026")
    gent.goto(f"{portal}/partner/dossiers/")
    case_url = gent.locator("tbody tr a").first.get_attribute("href")

    response = signed_in(browser, portal, "ocmw.antwerpen@antwerpen.example", "antwerpen-test-2026").goto(f"{portal}{case_url}")

    assert response.status == 404


def test_policy_staff_get_the_2018_parliamentary_answer_as_pdf_made_while_they_wait(browser, portal):
    page = signed_in(browser, portal, "beleid@vlaanderen.example", "beleid-demo-2026")
    page.goto(f"{portal}/rapporten/antwoord/samenwerking/?op=2018-12-31")

    with page.expect_download(timeout=60_000) as download:
        page.click("text=Als PDF")
        waiting_at = page.url
        page.locator("progress.pdf-job-progress").wait_for()
        heading = page.locator("h1").inner_text()

    text = pdf_text(Path(download.value.path()).read_bytes())
    assert heading == "De PDF wordt gemaakt" and "formaat=pdf" in waiting_at
    assert page.url == waiting_at  # nobody reloaded: the page's script fetched the PDF once made
    assert page.locator(".pdf-job-download").is_visible()
    assert "Op 31/12/2018 werken 149 Vlaamse gemeenten samen met Dyzo" in text


def test_two_coordinators_editing_one_agreement_keep_both_changes(browser, portal, staff):
    second = signed_in(browser, portal, "tweede.coordinator@dyzo.example", "tweede-test-2026")
    second.fill("#id_token", demo_totp_code())
    second.click("form.stacked button[type=submit]")
    staff.goto(f"{portal}/admin/partnerships/agreement/?form__exact=overeenkomst_zonder_zitdag")
    agreement = f"{portal}{staff.locator('#result_list tbody tr th a').first.get_attribute('href')}"
    staff.goto(agreement)
    second.goto(agreement)

    staff.fill("#id_notes", "Schepen belt terug op maandag.")
    staff.click("input[name=_save]")
    second.fill("#id_annual_fee", "1234.00")
    second.click("input[name=_save]")

    refusal = second.locator(".errorlist.nonfield").inner_text()
    assert "Iemand anders heeft dit record intussen gewijzigd." in refusal and "notities" in refusal
    assert second.input_value("#id_notes") == "Schepen belt terug op maandag."
    assert second.input_value("#id_annual_fee") == "1234.00"
    second.click("input[name=_save]")
    second.goto(agreement)
    assert second.input_value("#id_notes") == "Schepen belt terug op maandag."
    assert second.input_value("#id_annual_fee") == "1234.00"


def test_a_coordinator_follows_a_line_of_the_staff_home_to_exactly_its_cases(staff, portal):
    """The case worker's line is in test_browser_case_worker.py, on a database copy of its own."""
    staff.goto(f"{portal}/admin/")
    line = staff.locator(".staff-home-line", has_text="wachten op het akkoord van het lokale bestuur")
    count = int(line.locator(".staff-home-count").inner_text())
    line.get_by_role("link").click()

    assert staff.locator(".paginator").inner_text().startswith(f"{count} dossier")
    assert staff.locator("#changelist-filter .selected", has_text="wacht op akkoord van het lokale bestuur").count() == 1


def test_staff_follow_a_number_of_the_cooperation_table_to_its_municipalities(staff, portal):
    staff.goto(f"{portal}/rapporten/cijfer/cooperation-by-province/?op=2018-12-31")
    per_case = staff.locator("table tbody tr", has_text="Antwerpen").locator("td").nth(2)
    count = int(per_case.inner_text())
    per_case.get_by_role("link").click()

    assert staff.locator("table caption").inner_text() == f"Gemeenten ({count})"
    rows = staff.locator("table tbody tr")
    assert rows.count() == count
    assert rows.filter(has=staff.locator("td:nth-child(3)", has_text="Antwerpen")).count() == count
    assert rows.filter(has=staff.locator("td:nth-child(4)", has_text="Per dossier")).count() == count
    staff.get_by_role("link", name="Terug naar het cijfer").click()
    assert staff.locator("h1").inner_text() == "Samenwerking per provincie"
