"""Task throughput: enqueue 50 PDF renders and time 1 and 2 workers taking them; prints renders per minute.

    .venv/bin/python bench/tasks.py [--renders 50] [--redis redis://127.0.0.1:6379/14]

Runs on PostgreSQL (DATABASE_URL, default the dyzo_bench database); each render is the map PDF of
Flanders on another month's end (so no two are the same document), queued on the database queue and,
when the Redis URL answers, on Redis (its database is emptied before and after). Workers are
`manage.py task_worker` processes as production runs them; the time runs from the first enqueue until
the last PDF is made, worker start-up included.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import POSTGRES_BENCH_URL, ROOT, SECRET_KEY, build_scale_data, setup_django, table

ENQUEUE = """
import sys
from reports import pdf_queue
from reports.models import PdfJob
for day in sys.argv[1:]:
    pdf_queue.start(kind=PdfJob.Kind.MAP, params={"op": day, "provincie": ""}, apps={"partnerships"}, filename=f"kaart-{day}.pdf")
"""


def month_ends(count: int) -> list[str]:
    days, day = [], date(2025, 12, 31)
    for _ in range(count):
        days.append(day.isoformat())
        day = day.replace(day=1) - timedelta(days=1)
    return days


def run(*, database_url: str, redis_url: str | None, workers: int, renders: int) -> float:
    """Renders per minute for this queue and number of workers."""
    from reports.models import PdfJob

    PdfJob.objects.all().delete()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    env.pop("TASKS_REDIS_URL", None)
    if redis_url:
        env["TASKS_REDIS_URL"] = redis_url
    manage = [sys.executable, str(ROOT / "manage.py")]
    started = time.monotonic()
    script = ENQUEUE.replace("sys.argv[1:]", repr(month_ends(renders)))
    subprocess.run([*manage, "shell", "-c", script], env=env, check=True, capture_output=True)
    processes = [
        subprocess.Popen([*manage, "task_worker", "-v", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    try:
        while PdfJob.objects.filter(state=PdfJob.State.DONE).count() < renders:
            if PdfJob.objects.filter(state=PdfJob.State.FAILED).exists():
                raise RuntimeError("a render failed: see the admin's failed background tasks")
            time.sleep(0.2)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    return renders / ((time.monotonic() - started) / 60)


def redis_answers(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    options = parser.parse_args()
    database_url = setup_django(POSTGRES_BENCH_URL)
    build_scale_data()
    queues: list[tuple[str, str | None]] = [("database", None)]
    if redis_answers(options.redis):
        queues.append(("Redis", options.redis))
    import redis

    rows = []
    for name, redis_url in queues:
        for workers in (1, 2):
            if redis_url:
                redis.Redis.from_url(redis_url).flushdb()
            rate = run(database_url=database_url, redis_url=redis_url, workers=workers, renders=options.renders)
            rows.append([name, workers, f"{rate:.1f}"])
    if len(queues) > 1:
        redis.Redis.from_url(options.redis).flushdb()
    print(f"\n{options.renders} map PDFs per run, {os.cpu_count()} cores")
    print(table(["queue", "workers", "renders/min"], rows))


if __name__ == "__main__":
    main()
