import json

from django.core.management.base import BaseCommand, CommandError

from cases.models import Entrepreneur
from cases.privacy import export_entrepreneur


class Command(BaseCommand):
    help = "Schrijft alles wat over één ondernemer bewaard wordt als JSON (inzageverzoek, AVG)."

    def add_arguments(self, parser):
        parser.add_argument("entrepreneur_id", type=int)

    def handle(self, *args, entrepreneur_id: int, **options):
        try:
            entrepreneur = Entrepreneur.objects.get(pk=entrepreneur_id)
        except Entrepreneur.DoesNotExist as error:
            raise CommandError(f"Ondernemer {entrepreneur_id} bestaat niet.") from error
        self.stdout.write(json.dumps(export_entrepreneur(entrepreneur=entrepreneur), ensure_ascii=False, indent=2))
