"""Fault test: restart PostgreSQL under a write and a read load; prints the error window and what survived.

    .venv/bin/python bench/fault.py [--before 5] [--after 10] [--writers 4] [--readers 2]

Writers POST offers (/api/v1/outreach/, staff token), readers load the partner dashboard and
the agreements API. Halfway, PostgreSQL restarts (pg_ctlcluster). Targets: no failure once
PostgreSQL is back (CONN_HEALTH_CHECKS replaces the workers' dead connections, gunicorn is not
restarted and replaces no worker) and every write answered 2xx is in the database.
PostgreSQL is started again at the end whatever happens.
"""

import argparse
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import requests

from bench.common import POSTGRES_BENCH_URL, build_scale_data, gunicorn, personas, setup_django, table

CLUSTER = [sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1], "main"]


@dataclass(frozen=True)
class Outcome:
    started: float
    ok: bool
    write: bool
    record_id: int | None = None


def writer(base_url: str, token: str, body: dict, stop: threading.Event, outcomes: list) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    while not stop.is_set():
        started = time.monotonic()
        try:
            response = session.post(f"{base_url}/api/v1/outreach/", json=body, timeout=10, allow_redirects=False)
            ok = 200 <= response.status_code < 300
            outcomes.append(Outcome(started, ok, True, response.json()["id"] if ok else None))
        except requests.RequestException:
            outcomes.append(Outcome(started, False, True))


def reader(base_url: str, people: dict, stop: threading.Event, outcomes: list) -> None:
    pages = [
        (f"{base_url}/partner/", {"Cookie": people["partner"].cookie}),
        (f"{base_url}/api/v1/agreements/", {"Authorization": f"Token {people['partner'].token}"}),
    ]
    session = requests.Session()
    while not stop.is_set():
        for url, headers in pages:
            started = time.monotonic()
            try:
                ok = 200 <= session.get(url, headers=headers, timeout=10, allow_redirects=False).status_code < 300
            except requests.RequestException:
                ok = False
            outcomes.append(Outcome(started, ok, False))


def postgres(action: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, action], capture_output=True, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=5, help="seconds of load before the restart (default 5)")
    parser.add_argument("--after", type=float, default=10, help="seconds of load after it (default 10)")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    args = parser.parse_args()

    database_url = setup_django(POSTGRES_BENCH_URL)
    build_scale_data()
    people = personas()
    from django.db import connection

    from partnerships.models import Organisation, Outreach

    marker = f"bench/fault.py {uuid.uuid4()}"
    body = {
        "organisation": Organisation.objects.filter(kind="ocmw").values_list("pk", flat=True).first(),
        "sent_on": "2026-01-01",
        "status": "geen_antwoord",
        "notes": marker,
    }
    outcomes: list[Outcome] = []
    stop = threading.Event()
    try:
        with gunicorn(database_url=database_url, workers=args.workers) as server:
            workers_before = server.worker_pids()
            threads = [
                threading.Thread(target=writer, args=(server.url, people["staff"].token, body, stop, outcomes))
                for _ in range(args.writers)
            ]
            threads += [threading.Thread(target=reader, args=(server.url, people, stop, outcomes)) for _ in range(args.readers)]
            for thread in threads:
                thread.start()
            time.sleep(args.before)
            restart_started = time.monotonic()
            restart = postgres("restart")
            restart_ended = time.monotonic()
            time.sleep(args.after)
            stop.set()
            for thread in threads:
                thread.join()
            replaced = len(workers_before - server.worker_pids())
            gunicorn_alive = server.process.poll() is None
    finally:
        stop.set()
        if postgres("status").returncode != 0:
            postgres("start")
    if restart.returncode != 0:
        sys.exit(f"pg_ctlcluster restart failed: {restart.stderr}")

    connection.close()  # this process's own connection died with the restart
    confirmed = [outcome.record_id for outcome in outcomes if outcome.write and outcome.ok]
    present = Outreach.objects.filter(pk__in=confirmed).count()
    committed_unconfirmed = Outreach.objects.filter(notes=marker).count() - len(confirmed)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    after_back = [outcome for outcome in failed if outcome.started > restart_ended]
    failed.sort(key=lambda outcome: outcome.started)
    window = (
        f"{failed[0].started - restart_started:+.2f} s to {failed[-1].started - restart_started:+.2f} s ({failed[-1].started - failed[0].started:.2f} s)"
        if failed
        else "none"
    )
    writes = [outcome for outcome in outcomes if outcome.write]
    rows = [
        ["requests: writes / reads", f"{len(writes)} / {len(outcomes) - len(writes)}", "", ""],
        ["failed: writes / reads", f"{sum(not o.ok for o in writes)} / {sum(not o.ok for o in outcomes if not o.write)}", "", ""],
        ["PostgreSQL restart took", f"{restart_ended - restart_started:.2f} s", "", ""],
        ["error window (from restart start)", window, "", ""],
        ["failures once PostgreSQL was back", len(after_back), "0", "ok" if not after_back else "MISSED"],
        ["gunicorn master still running", "yes" if gunicorn_alive else "no", "yes", "ok" if gunicorn_alive else "MISSED"],
        ["gunicorn workers replaced", replaced, "0", "ok" if not replaced else "MISSED"],
        [
            "writes answered 2xx found in database",
            f"{present} / {len(confirmed)}",
            "all",
            "ok" if present == len(confirmed) else "MISSED",
        ],
        ["writes committed but answered an error", committed_unconfirmed, "", ""],
    ]
    print(
        f"{args.writers} writers, {args.readers} readers, gunicorn {args.workers} workers; PostgreSQL {' '.join(CLUSTER)} restarted after {args.before:g} s, load for {args.after:g} s more\n"
    )
    print(table(["measure", "value", "target", "verdict"], rows))


if __name__ == "__main__":
    main()
