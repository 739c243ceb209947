from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, check_backup, default_backup_path, describe, restore
from core.confirmation import add_confirmation_argument, confirmed


class Command(BaseCommand):
    help = (
        "Zet een back-up terug: de database en de mediabestanden worden vervangen, na een veiligheidskopie in "
        "BACKUP_DIR; daarna wordt de bewaartermijn opnieuw toegepast."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        add_confirmation_argument(parser)

    def handle(self, *args, file, interactive, **options):
        safety_copy = default_backup_path("voor-herstel")
        try:
            manifest = check_backup(source=file)
            question = (
                f"De huidige database en mediabestanden worden vervangen door {file}, met {describe(manifest)} "
                "(eerst een veiligheidskopie)."
            )
            if interactive and not confirmed(question):
                raise CommandError("Afgebroken: er is niets teruggezet.")
            result = restore(source=file, safety_copy=safety_copy)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Veiligheidskopie van de vorige inhoud: {safety_copy}")
        self.stdout.write(f"Back-up {file} teruggezet: {describe(result.manifest)}.")
        for line in result.reapplied:
            self.stdout.write(line)
