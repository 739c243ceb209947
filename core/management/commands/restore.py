from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Zet een back-up terug: de huidige inhoud van de database wordt vervangen."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            restore_database(source=file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up {file} teruggezet.")
