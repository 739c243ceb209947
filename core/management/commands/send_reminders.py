"""Send the day's reminders (sessions in 7 days, agreements ending within 60 days); run it once a day from cron.

Running it again the same day, or after a missed day, sends nothing twice: each message is logged per address.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.notifications import send_reminders


class Command(BaseCommand):
    help = "Stuur de herinneringen van vandaag (opleidingen binnen 7 dagen, overeenkomsten die binnen 60 dagen aflopen)."

    def handle(self, *args, **options):
        sent = send_reminders(today=timezone.localdate())
        self.stdout.write(f"{sent} e-mail(s) sent")
