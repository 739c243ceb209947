from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_database, default_backup_path


class Command(BaseCommand):
    help = "Maakt een back-up van de database (pg_dump op PostgreSQL, een kopie op SQLite), alleen leesbaar voor de eigenaar."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Doelbestand; standaard BACKUP_DIR/dyzo-<tijdstip>.backup.")

    def handle(self, *args, output=None, **options):
        target = output or default_backup_path()
        try:
            backup_database(target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven naar {target}")
