"""A real worker process makes a queued PDF end to end: the database queue's (`manage.py task_worker`, which runs
django-tasks-db's `db_worker`) and, when Redis answers on 127.0.0.1:6379, an RQ worker in burst mode."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.scratch_databases import ScratchDatabases

QUEUE_ANSWER = """
from core.freshness import REPORT_APPS
from reports import pdf_queue
from reports.models import PdfJob
pdf_queue.start(kind=PdfJob.Kind.ANSWER, params={"reeks": "samenwerking", "op": "2018-12-31"}, apps=REPORT_APPS, filename="a.pdf")
print(PdfJob.objects.get().state)
"""
READ_JOB = """
from reports.models import PdfJob
job = PdfJob.objects.get()
print(job.state, bytes(job.pdf[:4]).decode())
"""
REDIS = ("127.0.0.1", 6379)


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args, "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def portal_env(demo_database, tmp_path):
    """The environment of a portal on its own copy of the demo database."""
    with ScratchDatabases(tmp_path, "worker") as databases:
        databases.copy("worker", source=demo_database, source_role="demo")
        env = {**os.environ, "DATABASE_URL": databases.url("worker"), "DEBUG": "1"}
        env.pop("TASKS_REDIS_URL", None)
        yield env


def test_a_database_worker_makes_the_queued_pdf(portal_env):
    queued = manage(portal_env, "shell", "-c", QUEUE_ANSWER)
    manage(portal_env, "task_worker", "--batch")

    assert queued == "wacht"
    assert manage(portal_env, "shell", "-c", READ_JOB) == "klaar %PDF"


def redis_answers() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_an_rq_worker_makes_the_pdf_queued_in_redis(portal_env):
    import redis

    # A Redis database per pass, since make test runs them side by side (bench/tasks.py takes 14); emptied after.
    database = 12 if connection.vendor == "sqlite" else 13
    portal_env["TASKS_REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{database}"
    try:
        queued = manage(portal_env, "shell", "-c", QUEUE_ANSWER)
        manage(portal_env, "task_worker", "--batch")
        made = manage(portal_env, "shell", "-c", READ_JOB)
    finally:
        redis.Redis(*REDIS, db=database).flushdb()

    assert (queued, made) == ("wacht", "klaar %PDF")
