from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup, default_backup_path, describe


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database (pg_dump op PostgreSQL, een kopie op SQLite) en van de mediabestanden "
        "(dossierrapporten, bevroren antwoorden), met een manifest; alleen leesbaar voor de eigenaar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Doelbestand; standaard BACKUP_DIR/dyzo-<tijdstip>.backup.")

    def handle(self, *args, output=None, **options):
        target = output or default_backup_path()
        try:
            manifest = create_backup(target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven naar {target}: {describe(manifest)}.")
