"""Fuzz the REST API against its own OpenAPI schema with schemathesis, as staff and as a partner.

    .venv/bin/python bench/fuzz.py [--max-examples 10]

Every operation of /api/schema/ gets generated requests on a gunicorn server. Staff
requests write and delete, so it runs on its own database (FUZZ_DATABASE_URL, default
dyzo_fuzz) holding the reference and demo data, reloaded each run. Checks: no 5xx, and
every answer conforms to the schema (status code, content type, body).
Prints per persona: operations, cases and failures, then each distinct failure once.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from bench.common import gunicorn, personas, setup_django, table

FUZZ_DATABASE_URL = os.environ.get("FUZZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dyzo_fuzz")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def fuzz(base_url: str, token: str, max_examples: int) -> tuple[int, int, dict[str, str]]:
    """Operations tested, cases sent, and the distinct failures (title: one reproducing curl)."""
    schema = schemathesis.openapi.from_url(f"{base_url}/api/schema/")
    headers = {"Authorization": f"Token {token}"}
    operations = cases = 0
    failures: dict[str, str] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=max_examples,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            nonlocal cases
            cases += 1
            try:
                case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=30)
            except FailureGroup as group:
                for failure in group.exceptions:
                    failures.setdefault(
                        f"{operation.label}: {failure.title}",  # noqa: B023 (check() runs within this iteration)
                        case.as_curl_command(headers=headers, base_url=base_url),
                    )

        check()
    return operations, cases, failures


def prepare_database() -> None:
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)
    with override_settings(DEBUG=True):  # the demo loads in development mode only; the fuzzed server runs with DEBUG off
        call_command("load_demo_data", reset=True, interactive=False, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=10, help="generated requests per operation (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()

    database_url = setup_django(FUZZ_DATABASE_URL, override=True)
    prepare_database()
    people = personas()
    rows, found = [], {}
    with gunicorn(database_url=database_url, workers=args.workers) as server:
        for role in ("staff", "partner"):
            operations, cases, failures = fuzz(server.url, people[role].token, args.max_examples)
            rows.append([role, operations, cases, len(failures), "ok" if not failures else "MISSED"])
            found.update({f"[{role}] {title}": curl for title, curl in failures.items()})
    print(
        f"schemathesis {schemathesis.__version__}, at most {args.max_examples} cases per operation; checks: no 5xx, status code, content type, body schema\n"
    )
    print(table(["persona", "operations", "cases", "failures", "verdict"], rows))
    for title, curl in found.items():
        print(f"\n{title}\n  {curl}")


if __name__ == "__main__":
    main()
