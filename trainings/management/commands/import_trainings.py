from core.import_command import TabularImportCommand
from trainings.importing import COLUMNS, import_sessions


class Command(TabularImportCommand):
    help = "Leest opleidingssessies in uit CSV of XLSX (datum,inrichter,doelgroep,deelnemers,modules): alles of niets."
    columns = COLUMNS
    things = "sessie(s)"

    def run_import(self, *, rows, source, dry_run):
        return import_sessions(rows=rows, dry_run=dry_run)
