"""Work the background tasks of whichever queue the settings name: the database's (django-tasks-db's
`db_worker`) or, with TASKS_REDIS_URL, Redis' (an RQ worker with its scheduler, for retries that wait).

On SQLite the worker and the web server share one file: it is put in WAL mode (kept in the file), so
that reading never waits for the worker's short writes.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Voer de achtergrondtaken uit (wachtrij in de database, of in Redis met TASKS_REDIS_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconden tussen twee blikken op een lege wachtrij.")
        parser.add_argument("--batch", action="store_true", help="Voer uit wat er klaarstaat en stop dan.")

    def handle(self, *args, interval: float, batch: bool, **options):
        if str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_rq"):
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True, burst=batch)
            return
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
        call_command("db_worker", interval=interval, batch=batch, reload=False, queue_name="*", verbosity=options["verbosity"])
