"""The backup drill: a database full of demo data, dumped and restored into an empty one,
keeps every record and every report figure. Runs the same commands as `make backup` and
`make restore`, on the database kind of the test run (SQLite or PostgreSQL).
"""

import json
import os
import subprocess
import sys

from django.conf import settings

from reports.figures import FIGURES
from tests.scratch_databases import ScratchDatabases

FIGURE_SNAPSHOT = """
import json, pathlib, sys, tempfile
from django.core.management import call_command
folder = pathlib.Path(tempfile.mkdtemp())
for name in sys.argv[1:]:
    call_command("report", name, on="2018-12-31", start_year=2014, end_year=2025, fmt="json", output=folder / name)
print(json.dumps({name: json.loads((folder / name).read_text()) for name in sys.argv[1:]}))
"""


def manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def snapshot(url: str) -> tuple[list, dict]:
    """Every record (dumpdata) and every figure's JSON (the report command) of one database."""
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "dyzo_portal.settings"}
    figures = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + FIGURE_SNAPSHOT, *FIGURES],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert figures.returncode == 0, figures.stderr
    return json.loads(manage(url, "dumpdata", "--all")), json.loads(figures.stdout)


def test_a_restored_backup_keeps_every_record_and_every_figure(tmp_path):
    backup = tmp_path / "dyzo.backup"
    with ScratchDatabases(tmp_path, "drill_source", "drill_target") as databases:
        source, target = databases.url("drill_source"), databases.url("drill_target")
        for command in (["migrate", "--noinput"], ["load_reference_data"], ["load_demo_data"]):
            manage(source, *command, "-v", "0")
        manage(source, "backup", "--output", str(backup))
        manage(target, "restore", str(backup))

        records, figures = snapshot(source)
        restored_records, restored_figures = snapshot(target)

    assert len(records) > 10_000
    assert restored_records == records
    assert restored_figures == figures
    assert figures["cooperation-by-province"][-1]["total"] == 149
