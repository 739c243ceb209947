from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Maakt een back-up van de database (pg_dump op PostgreSQL, een kopie op SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Doelbestand; standaard var/backups/dyzo-<tijdstip>.")

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = output or settings.VAR_DIR / "backups" / f"dyzo-{stamp}.backup"
        try:
            backup_database(target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven naar {target}")
