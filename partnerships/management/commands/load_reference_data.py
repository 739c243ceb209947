"""Load the Flemish reference data from fixtures/; safe to run on every deploy."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    # Django formats a lazy help text like a str (argparse prints it); the stubs only allow str.
    help = gettext_lazy("Laadt provincies, gemeenten, bevolkingscijfers en organisaties uit de fixtures.")  # type: ignore[assignment]

    def add_arguments(self, parser):
        parser.add_argument("--fixtures-dir", type=Path, help=gettext_lazy("Map met de fixtures (standaard: FIXTURES_DIR)."))

    def handle(self, *args, fixtures_dir=None, verbosity=1, **options):
        try:
            counts = load_reference_data(fixtures_dir=fixtures_dir)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            created = sum(count for name, count in counts.items() if name.endswith("_created"))
            changed = sum(count for name, count in counts.items() if not name.endswith("_created"))
            self.stdout.write(
                _(
                    "Referentiegegevens geladen: %(created)d records nieuw (%(municipalities)d gemeenten, "
                    "%(populations)d bevolkingscijfers, %(organisations)d organisaties), %(changed)d bijgewerkt."
                )
                % {
                    "created": created,
                    "municipalities": counts["municipalities_created"],
                    "populations": counts["populations_created"],
                    "organisations": counts["organisations_created"],
                    "changed": changed,
                }
            )
