from django.core.management.base import BaseCommand

from demo.accounts import demo_totp_code


class Command(BaseCommand):
    help = "Toont de code voor de tweestapsverificatie van de demologin van een Dyzo-medewerker."

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
