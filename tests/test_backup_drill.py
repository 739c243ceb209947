"""The backup drill: a database full of demo data, dumped and restored into an empty one,
keeps every record and every report figure, and a restore keeps a safety copy of what it
replaces. Runs the same commands as `make backup` and `make restore`, on the database kind of
the test run (SQLite or PostgreSQL).
"""

import json
import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings

from core.backup import check_backup
from reports.figures import FIGURES
from tests.scratch_databases import ScratchDatabases, manage

SNAPSHOT = """
import io, json, pathlib, sys, tempfile
import django
django.setup()
from django.core.management import call_command
records = io.StringIO()
call_command("dumpdata", "--all", stdout=records)
folder = pathlib.Path(tempfile.mkdtemp())
for name in sys.argv[1:]:
    call_command("report", name, on="2018-12-31", start_year=2014, end_year=2025, fmt="json", output=folder / name)
figures = {name: json.loads((folder / name).read_text()) for name in sys.argv[1:]}
print(json.dumps([json.loads(records.getvalue()), figures]))
"""


def snapshots(*urls: str) -> list[tuple[list, dict]]:
    """Every record (dumpdata) and every figure's JSON (the report command) of each database, read side by side."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SNAPSHOT, *FIGURES],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "dyzo_portal.settings"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for url in urls
    ]
    taken = []
    for process in processes:
        out, err = process.communicate()
        assert process.returncode == 0, err
        taken.append(tuple(json.loads(out)))
    return taken


@pytest.fixture(autouse=True)
def backup_dir(tmp_path, monkeypatch):
    """The safety copies of the restores go to the test's folder, not var/backups."""
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    return tmp_path / "backups"


def test_a_restored_backup_keeps_every_record_and_every_figure(demo_database, tmp_path):
    backup = tmp_path / "dyzo.backup"
    source = demo_database.url("demo")
    with ScratchDatabases(tmp_path, "drill_target") as databases:
        target = databases.url("drill_target")
        manage(source, "backup", "--output", str(backup))
        manage(target, "restore", "--yes", str(backup))

        (records, figures), (restored_records, restored_figures) = snapshots(source, target)

    assert len(records) > 10_000
    assert restored_records == records
    assert restored_figures == figures
    assert figures["cooperation-by-province"][-1]["total"] == 149


def test_a_restore_first_keeps_a_private_safety_copy_of_what_it_replaces(demo_database, tmp_path, backup_dir):
    backup = tmp_path / "dyzo.backup"
    with ScratchDatabases(tmp_path, "drill_victim") as databases:
        databases.copy("drill_victim", source=demo_database, source_role="demo")
        victim = databases.url("drill_victim")
        manage(victim, "backup", "--output", str(backup))

        manage(victim, "restore", "--yes", str(backup))

    [safety_copy] = backup_dir.glob("dyzo-*-voor-herstel.backup")
    check_backup(source=safety_copy)  # a backup of the portal's database, as it was
    assert stat.S_IMODE(safety_copy.stat().st_mode) == 0o600
