import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from reports.figures import Params, ParamsError
from reports.models import QuestionSet
from reports.renderers import ANSWER, REPORTS, ReportError, render_report

UNUSED_BY_ANSWER = {"year": "--year", "start_year": "--from", "end_year": "--to", "province": "--province"}


class Command(BaseCommand):
    help = (
        "Schrijft een rapport: een cijfer, de kaart of een parlementair antwoord, in het gevraagde formaat. "
        "Een antwoord: report parliamentary-answer --set CODE --on JJJJ-MM-DD --format html|pdf|json [--output BESTAND]."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help=", ".join(REPORTS))
        parser.add_argument("--on", help="Peildatum JJJJ-MM-DD (standaard vandaag; verplicht voor een antwoord).")
        parser.add_argument("--year", help="Eén jaar: --from en --to samen.")
        parser.add_argument("--from", dest="start_year", help="Van jaar (standaard --to).")
        parser.add_argument(
            "--to", dest="end_year", help="Tot en met jaar (standaard het jaar van --on, zonder --on het laatste volledige jaar)."
        )
        parser.add_argument("--province", help="Alleen de rijen van deze provincie.")
        parser.add_argument("--format", dest="fmt", required=True)
        parser.add_argument("--output", type=Path)
        parser.add_argument("--set", dest="question_set", help="De vragenreeks van een parlementair antwoord.")

    def handle(self, *args, name, on, year, start_year, end_year, province, fmt, output, question_set, **options):
        translation.activate("nl-be")
        given = {"year": year, "start_year": start_year, "end_year": end_year, "province": province}
        if name == ANSWER:
            self._check_answer_options(given, on, question_set)
        elif question_set is not None:
            raise CommandError(f"--set hoort alleen bij {ANSWER}.")
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

    def _check_answer_options(self, given: dict, on: str | None, slug: str | None) -> None:
        """An answer counts each question over the period its question set gives: it takes no years or province."""
        unused = [UNUSED_BY_ANSWER[key] for key, value in given.items() if value is not None]
        if unused:
            raise CommandError(
                f"Een parlementair antwoord gebruikt {', '.join(unused)} niet: elke vraag telt over de periode "
                "die haar vragenreeks geeft. Geef alleen --set, --on, --format en eventueel --output."
            )
        if not slug:
            raise CommandError(f"Geef de vragenreeks met --set ({self._slugs()}).")
        if not on:
            raise CommandError("Geef de peildatum van het antwoord met --on JJJJ-MM-DD.")

    def _question_set(self, name: str, slug: str | None) -> QuestionSet | None:
        if name != ANSWER:
            return None
        question_set = QuestionSet.objects.filter(slug=slug).first()
        if question_set is None:
            raise CommandError(f"Onbekende vragenreeks '{slug}'. Kies uit: {self._slugs()}.")
        return question_set

    def _slugs(self) -> str:
        return ", ".join(QuestionSet.objects.order_by("slug").values_list("slug", flat=True))
