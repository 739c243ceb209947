"""Benchmark of the report figures on a scale data set; prints a table of time and query count.

    .venv/bin/python bench/reports.py                      # SQLite in var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dyzo_bench .venv/bin/python bench/reports.py

The data set: every municipality 2016-2025, 10 years of agreements and outreach,
50,000 cases and 3,000 training sessions. The floor is a hand-written SQL aggregate
of the cooperation table; targets: each figure's HTML page at most 3x the floor and
200 ms, and the full parliamentary answer as PDF within 3 s.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyzo_portal.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402
import psycopg2  # noqa: E402


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark database on first use, so one command is enough."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    server, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


ensure_postgres_database(os.environ["DATABASE_URL"])
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from cases.models import Case, Entrepreneur  # noqa: E402
from partnerships.models import Agreement, Municipality, Organisation, Outreach  # noqa: E402
from reports.answers import answer_pdf  # noqa: E402
from reports.figures import FIGURES, Params, compute  # noqa: E402
from reports.models import QuestionSet  # noqa: E402
from reports.renderers import FORMATS, render  # noqa: E402
from trainings.models import TrainingSession  # noqa: E402

CASES, SESSIONS, REPEAT = 50_000, 3_000, 5
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


def build_scale_data(rng: random.Random) -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)
    if Case.objects.count() >= CASES:
        return
    municipalities = list(Municipality.objects.all())
    agreements = []
    for municipality in municipalities:
        day = max(municipality.valid_from or date(2016, 1, 1), date(2016, 1, 1))
        last = municipality.valid_to or date(2025, 12, 31)
        party = rng.choice(["gemeente", "ocmw"])
        while day < last:
            end = min(day + timedelta(days=rng.randint(200, 1200)), last)
            agreements.append(Agreement(municipality=municipality, party=party, form=rng.choice(Agreement.Form.values), start_date=day, end_date=end, is_synthetic=True))
            day = end + timedelta(days=rng.randint(1, 300))
    Agreement.objects.bulk_create(agreements)
    ocmws = list(Organisation.objects.filter(kind="ocmw").select_related("municipality"))
    Outreach.objects.bulk_create(
        Outreach(organisation=rng.choice(ocmws), sent_on=date(2016, 1, 1) + timedelta(days=rng.randint(0, 3600)), status=rng.choice(["geen_antwoord", "in_onderhandeling"]), is_synthetic=True)
        for _ in range(3000)
    )
    entrepreneurs = Entrepreneur.objects.bulk_create(Entrepreneur(name=f"Ondernemer {i}", is_synthetic=True) for i in range(CASES))
    Case.objects.bulk_create(
        (
            Case(
                entrepreneur=entrepreneur,
                municipality=(municipality := rng.choice(municipalities)),
                opened_on=max(municipality.valid_from or date(2016, 1, 1), date(2016, 1, 1)) + timedelta(days=rng.randint(0, 300)),
                channel="zelf",
                phase="redding",
                funding_basis="eigen_kosten",
                is_synthetic=True,
            )
            for entrepreneur in entrepreneurs
        ),
        batch_size=5000,
    )
    TrainingSession.objects.bulk_create(
        TrainingSession(date=date(2014, 1, 1) + timedelta(days=rng.randint(0, 4000)), organiser_name="Dyzo", target_group="Bench", historic_participants=rng.randint(5, 40), is_synthetic=True)
        for _ in range(SESSIONS)
    )


def timed(action) -> tuple[float, int]:
    """Median milliseconds over REPEAT runs, and the queries of one run."""
    times = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def main() -> None:
    build_scale_data(random.Random(2018))
    staff, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
    client = Client()
    client.force_login(staff)
    params = Params(on=ON, start_year=2016, end_year=2025)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [ON, ON, ON, ON])
            cursor.fetchall()

    floor_ms, _ = timed(floor)
    print(f"data: {Agreement.objects.count()} agreements, {Outreach.objects.count()} offers, {Case.objects.count()} cases, {TrainingSession.objects.count()} sessions")
    print(f"floor (raw SQL cooperation table): {floor_ms:.1f} ms\n")
    print(f"{'figure':<30}{'format':<8}{'ms':>10}{'queries':>9}{'x floor':>9}  target")
    for name in FIGURES:
        query = {"op": ON.isoformat(), "van": 2016, "tot": 2025}
        html_ms, html_queries = timed(lambda: client.get(reverse("reports:figure", args=[name]), query))
        ratio = html_ms / floor_ms
        verdict = "ok" if html_ms <= 200 and ratio <= 3 else "MISSED"
        print(f"{name:<30}{'html':<8}{html_ms:>10.1f}{html_queries:>9}{ratio:>9.1f}  {verdict}")
        for fmt in FORMATS[1:]:
            ms, queries = timed(lambda fmt=fmt: render(compute(name, params), fmt))
            print(f"{'':<30}{fmt:<8}{ms:>10.1f}{queries:>9}")
    for slug in QuestionSet.objects.values_list("slug", flat=True):
        question_set = QuestionSet.objects.get(slug=slug)
        ms, queries = timed(lambda: answer_pdf(question_set=question_set, on=ON))
        print(f"{'answer ' + slug:<30}{'pdf':<8}{ms:>10.1f}{queries:>9}{'':>9}  {'ok' if ms <= 3000 else 'MISSED'} (<= 3000 ms)")


if __name__ == "__main__":
    main()
