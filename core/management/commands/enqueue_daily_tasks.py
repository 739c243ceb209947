"""Enqueue the day's scheduled tasks (reminders, retention anonymisation, expired API tokens); run it from cron.

Each task is enqueued once a day however often this runs (`DailyRun`), and every task is idempotent.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.tasks import enqueue_daily_tasks


class Command(BaseCommand):
    help = "Zet de taken van vandaag in de wachtrij (herinneringen, bewaartermijn, verlopen API-sleutels), één keer per dag."

    def handle(self, *args, **options):
        enqueued = enqueue_daily_tasks(day=timezone.localdate())
        self.stdout.write(f"{len(enqueued)} taak/taken in de wachtrij gezet" + "".join(f"\n  {name}" for name in enqueued))
