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
from reports.figures import FIGURES
records = io.StringIO()
call_command("dumpdata", "--all", stdout=records)
folder = pathlib.Path(tempfile.mkdtemp())
for name in sys.argv[1:]:
    yearly = FIGURES[name].period == "calendar_year"  # per calendar year only (suppression)
    start = 2018 if yearly else 2014
    call_command("report", name, on="2018-12-31", start_year=start, end_year=2018 if yearly else 2025, fmt="json", output=folder / name)
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
    """The safety copies of the restores go to the test's folder, not var/backups; the media files
    that a backup holds and a restore replaces are the test's too, not var/media."""
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    return tmp_path / "backups"


def test_a_restored_backup_keeps_every_record_and_every_figure(demo_database, tmp_path):
    """Of a database whose retention period is applied: a restore then has nothing to anonymise again."""
    backup = tmp_path / "dyzo.backup"
    with ScratchDatabases(tmp_path, "drill_source", "drill_target") as databases:
        databases.copy("drill_source", source=demo_database, source_role="demo")
        source, target = databases.url("drill_source"), databases.url("drill_target")
        manage(source, "anonymise_cases")
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


@pytest.fixture
def media_root(tmp_path):
    """The portal's processes keep their files here (see backup_dir): a case report stands for every media file."""
    root = tmp_path / "media"
    (root / "rapporten").mkdir(parents=True)
    (root / "rapporten" / "dossier-1-v1.pdf").write_bytes(b"%PDF-1.7 rapport van dossier 1")
    return root


def test_a_backup_holds_the_media_files_and_a_restore_puts_them_back(demo_database, tmp_path, media_root):
    backup = tmp_path / "dyzo.backup"
    with ScratchDatabases(tmp_path, "drill_media") as databases:
        databases.copy("drill_media", source=demo_database, source_role="demo")
        portal = databases.url("drill_media")
        written = manage(portal, "backup", "--output", str(backup))
        (media_root / "rapporten" / "dossier-1-v1.pdf").unlink()
        (media_root / "rapporten" / "later.pdf").write_bytes(b"%PDF-1.7 na de back-up")

        output = manage(portal, "restore", "--yes", str(backup))

    assert "1 mediabestand(en)" in written and "1 mediabestand(en)" in output
    assert (media_root / "rapporten" / "dossier-1-v1.pdf").read_bytes() == b"%PDF-1.7 rapport van dossier 1"
    assert not (media_root / "rapporten" / "later.pdf").exists()


def test_a_restore_anonymises_again_what_the_retention_period_erased_after_the_backup(demo_database, tmp_path):
    backup = tmp_path / "dyzo.backup"
    with ScratchDatabases(tmp_path, "drill_retention") as databases:
        databases.copy("drill_retention", source=demo_database, source_role="demo")
        portal = databases.url("drill_retention")
        manage(portal, "backup", "--output", str(backup))  # taken before the anonymisation
        anonymised = int(manage(portal, "anonymise_cases").split()[0])

        output = manage(portal, "restore", "--yes", str(backup))
        still_due = manage(portal, "anonymise_cases", "--dry-run")

    assert anonymised > 0
    assert f"Bewaartermijn opnieuw toegepast (5 jaar): {anonymised} dossier(s) geanonimiseerd" in output
    assert still_due.startswith("0 dossier(s) zouden geanonimiseerd worden")
