"""Load test: wrk against gunicorn on the scale data set; prints requests/s, p50, p99 and errors per page.

    .venv/bin/python bench/load.py [--duration 30] [--warm-up 5] [--connections 50] [--workers N]

Runs on PostgreSQL (DATABASE_URL, default the dyzo_bench database). Each page is loaded
for a few seconds before it is measured, so each worker has filled its cache: the figures
are the steady state. Every answer that is not 2xx counts as an error, a redirect to the
login page included. Targets: no errors, the partner dashboard at least 300 requests/s on
2 cores, p99 at most 250 ms.
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import POSTGRES_BENCH_URL, build_scale_data, default_workers, gunicorn, personas, setup_django, table

LUA = Path(__file__).resolve().parent / "count_errors.lua"
PAGES = [
    ("partner dashboard", "partner", "session", "/partner/", 300),
    ("staff case list", "staff", "session", "/dossiers/", None),
    (
        "report: cooperation figure",
        "policy",
        "session",
        "/rapporten/cijfer/cooperation-by-province/?op=2020-06-30&van=2016&tot=2025",
        None,
    ),
    ("API cases list", "staff", "token", "/api/v1/cases/", None),
    ("API agreements list", "partner", "token", "/api/v1/agreements/", None),
]
P99_TARGET_MS = 250


def wrk(url: str, header: str, *, duration: int, connections: int, threads: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            "-H",
            header,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, errors, p50, p99, duration_us = (int(field) for field in output.split("RESULT", 1)[1].split())
    return {"rps": requests / (duration_us / 1e6), "p50": p50 / 1000, "p99": p99 / 1000, "errors": errors}


def verdict(result: dict, min_rps: int | None) -> str:
    missed = [
        name
        for name, failed in (
            ("errors", result["errors"] > 0),
            ("p99", result["p99"] > P99_TARGET_MS),
            ("req/s", min_rps is not None and result["rps"] < min_rps),
        )
        if failed
    ]
    return "MISSED " + ",".join(missed) if missed else "ok"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per page (default 30)")
    parser.add_argument("--warm-up", type=int, default=5, help="seconds of load per page before measuring (default 5)")
    parser.add_argument("--connections", type=int, default=50, help="open connections (default 50)")
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="gunicorn workers (default cores+1, as gunicorn.conf.py)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    args = parser.parse_args()

    database_url = setup_django(POSTGRES_BENCH_URL)
    build_scale_data()
    people = personas()
    rows = []
    with gunicorn(database_url=database_url, workers=args.workers) as server:
        for page, role, auth, path, min_rps in PAGES:
            persona = people[role]
            header = f"Cookie: {persona.cookie}" if auth == "session" else f"Authorization: Token {persona.token}"
            if args.warm_up:
                wrk(server.url + path, header, duration=args.warm_up, connections=args.connections, threads=args.threads)
            result = wrk(server.url + path, header, duration=args.duration, connections=args.connections, threads=args.threads)
            target = f">= {min_rps} req/s, " if min_rps else ""
            rows.append(
                [
                    page,
                    f"{result['rps']:.0f}",
                    f"{result['p50']:.1f}",
                    f"{result['p99']:.1f}",
                    result["errors"],
                    f"{target}p99 <= {P99_TARGET_MS} ms, 0 errors",
                    verdict(result, min_rps),
                ]
            )
    print(
        f"gunicorn: {args.workers} sync workers; wrk: {args.threads} threads, {args.connections} connections, {args.duration} s per page after {args.warm_up} s of warm-up\n"
    )
    print(table(["page", "req/s", "p50 ms", "p99 ms", "errors", "target", "verdict"], rows))


if __name__ == "__main__":
    main()
