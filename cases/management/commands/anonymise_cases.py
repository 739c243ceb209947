from django.conf import settings
from django.core.management.base import BaseCommand

from cases.privacy import anonymise_cases, cases_due_for_anonymisation


class Command(BaseCommand):
    help = "Anonimiseert afgesloten dossiers ouder dan de bewaartermijn (CASE_RETENTION_YEARS, standaard 5 jaar)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wijzigen.")

    def handle(self, *args, dry_run: bool, **options):
        due = cases_due_for_anonymisation()
        if dry_run:
            self.stdout.write(
                f"{due.count()} dossier(s) zouden geanonimiseerd worden (bewaartermijn {settings.CASE_RETENTION_YEARS} jaar)."
            )
            return
        self.stdout.write(f"{anonymise_cases(cases=due)} dossier(s) geanonimiseerd.")
