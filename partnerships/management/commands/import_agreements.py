from core.import_command import TabularImportCommand
from partnerships.importing import COLUMNS, import_agreements


class Command(TabularImportCommand):
    help = "Leest overeenkomsten in uit CSV of XLSX (nis,partij,vorm,begin,einde,jaarbedrag): alles of niets."
    columns = COLUMNS
    things = "overeenkomst(en)"

    def run_import(self, *, rows, source, dry_run):
        return import_agreements(rows=rows, source=source, dry_run=dry_run)
