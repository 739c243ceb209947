from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dyzo_portal.tabular import TabularFileError, read_rows
from partnerships.importing import COLUMNS, import_agreements


class Command(BaseCommand):
    help = "Leest overeenkomsten in uit CSV of XLSX (nis,partij,vorm,begin,einde,jaarbedrag): alles of niets."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren, niets wegschrijven.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            rows = read_rows(file_name=file.name, content=file.read_bytes(), columns=COLUMNS)
        except FileNotFoundError as error:
            raise CommandError(f"Bestand {file} bestaat niet.") from error
        except TabularFileError as error:
            raise CommandError(str(error)) from error
        result = import_agreements(rows=rows, source=file.name, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} fout(en) gevonden; er werd niets ingelezen.")
        if dry_run:
            self.stdout.write(f"Controle geslaagd: {len(result.rows)} overeenkomst(en) kunnen ingelezen worden.")
        else:
            self.stdout.write(f"{result.created} overeenkomst(en) ingelezen.")
