"""The shared shape of the all-or-nothing import commands (agreements, trainings)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular import TabularFileError, read_rows


class TabularImportCommand(BaseCommand):
    """Reads FILE (CSV or XLSX), lets `run_import` validate and write, and reports in Dutch."""

    columns: list[str]
    things: str  # e.g. "overeenkomst(en)"

    def run_import(self, *, rows, source: str, dry_run: bool):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren, niets wegschrijven.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            rows = read_rows(file_name=file.name, content=file.read_bytes(), columns=self.columns)
        except FileNotFoundError as error:
            raise CommandError(f"Bestand {file} bestaat niet.") from error
        except TabularFileError as error:
            raise CommandError(str(error)) from error
        result = self.run_import(rows=rows, source=file.name, dry_run=dry_run)
        if not result.ok:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(result.errors)} fout(en) gevonden; er werd niets ingelezen.")
        if dry_run:
            self.stdout.write(f"Controle geslaagd: {len(result.rows)} {self.things} kunnen ingelezen worden.")
        else:
            self.stdout.write(f"{result.created} {self.things} ingelezen.")
