import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from reports.figures import Params, ParamsError
from reports.models import QuestionSet
from reports.renderers import ANSWER, REPORTS, ReportError, render_report


class Command(BaseCommand):
    help = "Schrijft een rapport: een cijfer, de kaart of een parlementair antwoord, in het gevraagde formaat."

    def add_arguments(self, parser):
        parser.add_argument("name", help=", ".join(REPORTS))
        parser.add_argument("--on", help="Peildatum JJJJ-MM-DD (standaard vandaag).")
        parser.add_argument("--year", help="Eén jaar: --from en --to samen.")
        parser.add_argument("--from", dest="start_year", help="Van jaar (standaard --to).")
        parser.add_argument(
            "--to", dest="end_year", help="Tot en met jaar (standaard het jaar van --on, zonder --on het laatste volledige jaar)."
        )
        parser.add_argument("--province", help="Alleen de rijen van deze provincie.")
        parser.add_argument("--format", dest="fmt", required=True)
        parser.add_argument("--output", type=Path)
        parser.add_argument("--set", dest="question_set", default="samenwerking")

    def handle(self, *args, name, on, year, start_year, end_year, province, fmt, output, question_set, **options):
        translation.activate("nl-be")
        if year and (start_year or end_year):
            raise CommandError("Gebruik --year of --from/--to, niet beide.")
        query = {"op": on, "van": year or start_year, "tot": year or end_year, "provincie": province}
        try:
            params = Params.from_query(
                {key: str(value) for key, value in query.items() if value is not None}, today=timezone.localdate()
            )
            content = render_report(name, params, fmt, question_set=self._question_set(name, question_set))
        except (ParamsError, ReportError) as error:
            raise CommandError(str(error)) from error
        if output:
            output.write_bytes(content)
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()

    def _question_set(self, name: str, slug: str) -> QuestionSet | None:
        if name != ANSWER:
            return None
        question_set = QuestionSet.objects.filter(slug=slug).first()
        if question_set is None:
            raise CommandError(f"Onbekende vragenreeks '{slug}'.")
        return question_set
