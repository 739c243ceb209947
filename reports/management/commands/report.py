import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.pdf import render_pdf
from reports.answers import answer_context, answer_pdf
from reports.figures import FIGURES, Params, compute
from reports.maps import map_svg
from reports.models import QuestionSet
from reports.renderers import FORMATS, render

NAMES = [*FIGURES, "map", "parliamentary-answer"]


class Command(BaseCommand):
    help = "Schrijft een rapport: een cijfer, de kaart of een parlementair antwoord, in het gevraagde formaat."

    def add_arguments(self, parser):
        parser.add_argument("name", help=", ".join(NAMES))
        parser.add_argument("--on", help="Peildatum JJJJ-MM-DD (standaard vandaag).")
        parser.add_argument("--year", type=int)
        parser.add_argument("--from", dest="start_year", type=int)
        parser.add_argument("--to", dest="end_year", type=int)
        parser.add_argument("--format", dest="fmt", required=True)
        parser.add_argument("--output", type=Path)
        parser.add_argument("--set", dest="question_set", default="samenwerking")

    def handle(self, *args, name, on, year, start_year, end_year, fmt, output, question_set, **options):
        translation.activate("nl-be")
        if name not in NAMES:
            raise CommandError(f"Onbekend rapport '{name}'. Kies uit: {', '.join(NAMES)}.")
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ongeldige datum '{on}': gebruik JJJJ-MM-DD.") from error
        if year and (start_year or end_year):
            raise CommandError("Gebruik --year of --from/--to, niet beide.")
        last = year or end_year or start_year or day.year
        params = Params(on=day, start_year=year or start_year or last, end_year=last)
        if params.start_year > params.end_year:
            raise CommandError("--from ligt na --to.")
        content = self._render(name, params, fmt, question_set)
        if output:
            output.write_bytes(content)
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()

    def _render(self, name, params, fmt, slug) -> bytes:
        if name == "map":
            if fmt not in ("svg", "pdf"):
                raise CommandError("De kaart bestaat als svg of pdf.")
            svg = map_svg(on=params.on)
            return svg.encode() if fmt == "svg" else render_pdf("reports/map_pdf.html", {"svg": svg, "on": params.on})
        if name == "parliamentary-answer":
            question_set = QuestionSet.objects.filter(slug=slug).first()
            if question_set is None:
                raise CommandError(f"Onbekende vragenreeks '{slug}'.")
            if fmt == "pdf":
                return answer_pdf(question_set=question_set, on=params.on)
            if fmt == "html":
                return render_to_string(
                    "reports/answer_document.html", answer_context(question_set=question_set, on=params.on)
                ).encode()
            raise CommandError("Een parlementair antwoord bestaat als html of pdf.")
        if fmt not in FORMATS:
            raise CommandError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
        return render(compute(name, params), fmt)
