"""Benchmark of the report figures on a scale data set; prints a table of time and query count.

    .venv/bin/python bench/reports.py                      # SQLite in var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dyzo_bench .venv/bin/python bench/reports.py

The data set: every municipality 2016-2025, 10 years of agreements and outreach,
50,000 cases and 3,000 training sessions. The floor is a hand-written SQL aggregate
of the cooperation table; targets: each figure's HTML page at most 3x the floor and
200 ms, each figure as PDF within 5 s and each parliamentary answer as PDF within 3 s (first
render, no cache). Beside each answer it times its peer on the same HTML: Debian's headless
Chromium printing to PDF against WeasyPrint's command line, each as a whole process (median of
3), and their ratio. It also times API lists and the admin changelists of the large tables
(median, in-process; target 60 ms), the admin index with the staff home (target:
100 ms, and the same query count as on any other data), and a deliberately naive per-municipality
loop computing the cooperation table, as the baseline the status rule's one query beats.
Cached pages (figure pages, API lists) are timed with an empty cache: the work they do
when a change has made their entry stale.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, build_scale_data, personas, setup_django

setup_django(f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from cases.models import Case  # noqa: E402
from core.roles import CASE_WORKER_GROUP, COORDINATOR_GROUP  # noqa: E402
from partnerships.models import Agreement, Municipality, Outreach  # noqa: E402
from partnerships.selectors import NO_COOPERATION  # noqa: E402
from partnerships.selectors.cooperation import FIGURE_OF_FORM, FORMS_BY_STRENGTH  # noqa: E402
from reports.answers import answer_context, answer_pdf, pdf_context  # noqa: E402
from reports.figures import FIGURES, Params, compute  # noqa: E402
from reports.models import QuestionSet  # noqa: E402
from reports.registry import Period  # noqa: E402
from reports.renderers import FORMATS, render  # noqa: E402
from trainings.models import TrainingSession  # noqa: E402

REPEAT = 5
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # time renders, not a queue
API_LISTS = ["/api/v1/cases/", "/api/v1/agreements/", "/api/v1/outreach/", "/api/v1/training-sessions/"]
ADMIN_CHANGELISTS = [
    "cases_case",
    "cases_entrepreneur",
    "partnerships_agreement",
    "partnerships_outreach",
    "partnerships_organisation",
    "trainings_trainingsession",
    "trainings_registration",
]
FIGURE_PDF_MS, ANSWER_PDF_MS, ADMIN_MS = 5000, 3000, 60
CHROMIUM = "/usr/bin/chromium"
PEER_REPEAT = 3
ON = date(2020, 6, 30)
FLOOR_SQL = """
SELECT p.name_nl,
       SUM(CASE WHEN s.rank IN (0, 1) THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.rank = 2 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.rank = 3 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.rank IS NULL THEN 1 ELSE 0 END)
FROM (
  SELECT m.province_id,
         (SELECT MIN(CASE a.form WHEN 'overeenkomst_met_zitdag' THEN 0 WHEN 'overeenkomst_zonder_zitdag' THEN 1
                                 WHEN 'per_dossier' THEN 2 ELSE 3 END)
          FROM partnerships_agreement a
          JOIN partnerships_municipality_descendants d ON d.from_municipality_id = a.municipality_id
          WHERE d.to_municipality_id = m.id AND a.start_date <= %s AND (a.end_date IS NULL OR a.end_date >= %s)) AS rank
  FROM partnerships_municipality m
  WHERE (m.valid_from IS NULL OR m.valid_from <= %s) AND (m.valid_to IS NULL OR m.valid_to >= %s)
) s JOIN partnerships_province p ON p.id = s.province_id
GROUP BY p.name_nl ORDER BY p.name_nl
"""


def timed(action, *, empty_cache: bool = False) -> tuple[float, int]:
    """Median milliseconds over REPEAT runs, and the queries of one run; `empty_cache` times
    the work a cached page does when its entry is missing."""
    times = []
    for _ in range(REPEAT):
        if empty_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def naive_cooperation_table(on: date) -> dict:
    """The baseline: the cooperation counts per province, asking the database per municipality."""
    counts = {}
    for municipality in Municipality.objects.existing_on(on):
        forms = set(
            Agreement.objects.in_force_on(on).filter(municipality__descendants=municipality).values_list("form", flat=True)
        )
        form = next((form for form in FORMS_BY_STRENGTH if form in forms), NO_COOPERATION)
        row = counts.setdefault(municipality.province.name_nl, dict.fromkeys(FIGURE_OF_FORM.values(), 0))
        row[FIGURE_OF_FORM[form]] += 1
    return counts


def meets(ms: float, target: float) -> str:
    return f"{'ok' if ms <= target else 'MISSED'} (<= {target:g} ms)"


def whole_process_ms(command: list[str]) -> float:
    """Median wall-clock milliseconds of PEER_REPEAT runs of a command, start-up included."""
    times = []
    for _ in range(PEER_REPEAT):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peer_row(question_set: QuestionSet, folder: Path) -> str:
    """The answer's PDF HTML as a file beside the static folder's CSS and fonts, printed by WeasyPrint's
    command line and by headless Chromium, each a whole process: the time a user of either would wait."""
    html = render_to_string("reports/answer_pdf.html", pdf_context(answer_context(question_set=question_set, on=ON))[0])
    static = settings.BASE_DIR / "static"
    page = folder / f"{question_set.slug}.html"
    page.write_text(html.replace("<head>", f'<head><base href="{static.as_uri()}/">', 1))
    weasyprint_ms = whole_process_ms([str(Path(sys.executable).parent / "weasyprint"), str(page), str(folder / "weasyprint.pdf")])
    label = f"{'  same HTML, whole process':<34}{'pdf':<8}{weasyprint_ms:>10.1f}{'':>9}{'':>9}  WeasyPrint"
    if not shutil.which(CHROMIUM):
        return f"{label}; Chromium: not installed"
    chromium_ms = whole_process_ms(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={folder / 'chromium.pdf'}", page.as_uri()]
    )  # fmt: skip
    return f"{label}; Chromium {chromium_ms:.1f} ms, WeasyPrint/Chromium {weasyprint_ms / chromium_ms:.1f}x"


def get_ok(client: Client, path: str, **headers) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, f"{path}: {response.status_code}"


def staff_home_row(client: Client, user) -> str:
    """The admin index with its "Vandaag" section, for a person in both staff roles, so that every line is computed."""
    user.groups.add(*Group.objects.filter(name__in=[CASE_WORKER_GROUP, COORDINATOR_GROUP]))
    ms, queries = timed(lambda: get_ok(client, reverse("admin:index")))
    return f"{'admin index with staff home':<34}{'html':<8}{ms:>10.1f}{queries:>9}{'':>9}  {'ok' if ms <= 100 else 'MISSED'} (<= 100 ms)"


def main() -> None:
    build_scale_data()
    staff = personas()["staff"]
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = staff.session_key

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [ON, ON, ON, ON])
            cursor.fetchall()

    floor_ms, _ = timed(floor)
    print(
        f"data: {Agreement.objects.count()} agreements, {Outreach.objects.count()} offers, {Case.objects.count()} cases, {TrainingSession.objects.count()} sessions"
    )
    print(f"floor (raw SQL cooperation table): {floor_ms:.1f} ms\n")
    print(f"{'figure':<34}{'format':<8}{'ms':>10}{'queries':>9}{'x floor':>9}  target")
    for name in FIGURES:
        first_year = 2025 if FIGURES[name].period == Period.CALENDAR_YEAR else 2016  # per calendar year only
        params = Params(on=ON, start_year=first_year, end_year=2025)
        query = {"op": ON.isoformat(), "van": first_year, "tot": 2025}
        path = f"{reverse('reports:figure', args=[name])}?{urlencode(query)}"
        html_ms, html_queries = timed(lambda path=path: get_ok(client, path), empty_cache=True)
        ratio = html_ms / floor_ms
        verdict = "ok" if html_ms <= 200 and ratio <= 3 else "MISSED"
        print(f"{name:<34}{'html':<8}{html_ms:>10.1f}{html_queries:>9}{ratio:>9.1f}  {verdict}")
        for fmt in FORMATS[1:]:
            ms, queries = timed(lambda fmt=fmt, name=name, params=params: render(compute(name, params), fmt))
            target = f"{'':>9}  {meets(ms, FIGURE_PDF_MS)}" if fmt == "pdf" else ""
            print(f"{'':<34}{fmt:<8}{ms:>10.1f}{queries:>9}{target}")
    peer_folder = Path(tempfile.mkdtemp(prefix="dyzo-bench-"))
    for slug in QuestionSet.objects.values_list("slug", flat=True):
        question_set = QuestionSet.objects.get(slug=slug)
        ms, queries = timed(lambda question_set=question_set: answer_pdf(question_set=question_set, on=ON))
        print(f"{'answer ' + slug:<34}{'pdf':<8}{ms:>10.1f}{queries:>9}{'':>9}  {meets(ms, ANSWER_PDF_MS)}")
        print(peer_row(question_set, peer_folder))
        path = f"{reverse('reports:answer', args=[slug])}?op={ON.isoformat()}&formaat=pdf"
        get_ok(client, path)  # renders once and fills the cache keyed by report, date and data generations
        ms, queries = timed(lambda path=path: get_ok(client, path))
        print(f"{'answer ' + slug + ', cached':<34}{'pdf':<8}{ms:>10.1f}{queries:>9}{'':>9}  {meets(ms, ANSWER_PDF_MS)}")
    shutil.rmtree(peer_folder)
    for path in API_LISTS:
        ms, queries = timed(lambda path=path: get_ok(client, path, authorization=f"Token {staff.token}"), empty_cache=True)
        print(f"{'API ' + path:<34}{'json':<8}{ms:>10.1f}{queries:>9}{ms / floor_ms:>9.1f}")
    for model in ADMIN_CHANGELISTS:
        ms, queries = timed(lambda model=model: get_ok(client, reverse(f"admin:{model}_changelist")))
        print(f"{'admin ' + model:<34}{'html':<8}{ms:>10.1f}{queries:>9}{ms / floor_ms:>9.1f}  {meets(ms, ADMIN_MS)}")
    print(staff_home_row(client, staff.user))
    figure_ms, _ = timed(lambda: compute("cooperation-by-province", params))
    naive_ms, naive_queries = timed(lambda: naive_cooperation_table(ON))
    print(
        f"{'naive per-municipality loop':<34}{'python':<8}{naive_ms:>10.1f}{naive_queries:>9}{naive_ms / floor_ms:>9.1f}  "
        f"cooperation-by-province ({figure_ms:.1f} ms) is {naive_ms / figure_ms:.1f}x faster"
    )


if __name__ == "__main__":
    with override_settings(TASKS=IMMEDIATE_TASKS):
        main()
