from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.confirmation import add_confirmation_argument, confirmed
from demo.loading import load_demo_data

LABELS = {"agreements": "overeenkomsten", "outreach": "aanbiedingen", "sessions": "opleidingssessies", "cases": "dossiers"}


class Command(BaseCommand):
    help = "Laadt de demogegevens (echte records uit de bronnen + synthetisch vervolg) en de demologins; alleen met DEBUG aan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Alle overeenkomsten, aanbiedingen, opleidingen en dossiers eerst wissen."
        )
        add_confirmation_argument(parser)

    def handle(self, *args, reset: bool, interactive: bool, **options):
        # The demo logins include a superuser whose password and authenticator key are public.
        if not settings.DEBUG:
            raise CommandError(
                "Demogegevens worden alleen geladen met DEBUG aan (een ontwikkelomgeving): ze maken een beheerder "
                "aan met een openbaar wachtwoord. Er is niets gewijzigd."
            )
        if reset and interactive:
            question = "Alle overeenkomsten, aanbiedingen, opleidingssessies, dossiers en ondernemers worden gewist."
            if not confirmed(question):
                raise CommandError("Afgebroken: er is niets gewist.")
        summary = load_demo_data(reset=reset)
        if options["verbosity"] == 0:
            return
        if summary["created"]:
            counts = ", ".join(f"{summary[key]} {label}" for key, label in LABELS.items() if key in summary)
            self.stdout.write(f"Demogegevens geladen: {counts}.")
        else:
            self.stdout.write("Demogegevens waren al geladen (gebruik --reset om ze opnieuw aan te maken).")
        self.stdout.write("\nDemologins, aanmelden op http://127.0.0.1:8000/account/login/ :")
        self.stdout.write(f"  {'rol':<32}{'e-mailadres':<28}wachtwoord")
        for login in summary["logins"]:
            self.stdout.write(f"  {login.role:<32}{login.email:<28}{login.password}")
        self.stdout.write("Dyzo-medewerkers melden zich aan in twee stappen; de code voor de demologin geeft:\n  make demo-code")
