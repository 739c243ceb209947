"""The parliamentary answer: each question followed by a sentence with its figures and its tables.

Saving an answer freezes it: its figures and PDF are stored, so the published
answer can be downloaded unchanged later, and the portal can say what changed since.
"""

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from reports.figures import Figure, Params, compute
from reports.maps import map_svg
from reports.models import FrozenAnswer, QuestionSet


@dataclass
class AnsweredQuestion:
    number: int
    text: str
    sentences: list[str]
    figures: list[Figure]
    free_answer: str


def params_for(on: date) -> Params:
    """Questions about "the past three years" cover the reference year and the two before it."""
    return Params(on=on, start_year=on.year - 2, end_year=on.year)


def _day(params: Params) -> str:
    return date_format(params.on, "SHORT_DATE_FORMAT")


def _sentence(figure: Figure, params: Params) -> str:
    rows = figure.rows
    total = rows[-1] if rows else {}
    match figure.name:
        case "cooperation-by-province":
            return _(
                "Op %(day)s werken %(total)s Vlaamse gemeenten samen met Dyzo: %(agreement)s met een overeenkomst, "
                "%(per_case)s met betaling per case en %(remote)s telefonisch of per mail."
            ) % {
                "day": _day(params),
                "total": total["total"],
                "agreement": total["agreement"],
                "per_case": total["per_case"],
                "remote": total["remote_advice"],
            }
        case "agreement-parties":
            return _(
                "Van de %(total)s overeenkomsten zijn er %(gemeente)s met de gemeente, %(ocmw)s met het OCMW en %(both)s met beide."
            ) % {"total": total["total"], "gemeente": total["gemeente"], "ocmw": total["ocmw"], "both": total["both"]}
        case "non-cooperating-by-province":
            return _("Op %(day)s werken %(total)s Vlaamse gemeenten niet samen met Dyzo.") % {
                "day": _day(params),
                "total": total["total"],
            }
        case "decline-reasons":
            reasons = [row["reason"].lower() for row in rows[:3]]
            return _("De meest gehoorde redenen zijn: %(reasons)s.") % {"reasons": "; ".join(reasons) or _("geen")}
        case "agreements-list":
            with_day = sum(1 for row in rows if "met zitdag" in str(row["agreement"]))
            return _(
                "Op %(day)s heeft Dyzo met %(count)s lokale besturen een globaal samenwerkingsakkoord, waarvan %(with_day)s met zitdag."
            ) % {"day": _day(params), "count": len(rows), "with_day": with_day}
        case "per-case-first-use":
            names = get_text_list([row["municipality"] for row in rows], _("en"))
            return _(
                "In %(year)s deden %(count)s OCMW's voor het eerst een beroep op Dyzo via een vergoeding per dossier: %(names)s."
            ) % {"year": params.end_year, "count": len(rows), "names": names}
        case "trainings":
            return _("In %(from)s–%(to)s gaf Dyzo %(sessions)s opleidingen voor in totaal %(participants)s deelnemers.") % {
                "from": params.start_year,
                "to": params.end_year,
                "sessions": len(rows) - 1,
                "participants": number_format(total["participants"], force_grouping=True),
            }
        case "module-ranking":
            return _("De modules staan per jaar in volgorde van het aantal sessies en deelnemers.")
        case "referrals":
            referred = sum(row["total"] for row in rows)
            return _("In %(from)s–%(to)s werden %(count)s dossiers doorverwezen naar het OCMW.") % {
                "from": params.start_year,
                "to": params.end_year,
                "count": referred,
            }
        case "funding":
            amounts = [
                _("%(amount)s euro in %(year)s")
                % {"amount": number_format(row["amount"], decimal_pos=0, force_grouping=True), "year": row["year"]}
                for row in rows
            ]
            return _("Dyzo ontving %(amounts)s.") % {"amounts": get_text_list(amounts, _("en")) or _("geen steun")}
        case "coverage":
            return _("%(count)s lokale besturen (%(percentage)s%% van het totaal) werken samen met Dyzo.") % {
                "count": total["cooperating"],
                "percentage": total["percentage"],
            }
    return ""


def answer(*, question_set: QuestionSet, on: date) -> list[AnsweredQuestion]:
    params = params_for(on)
    answered = []
    for question in question_set.questions.all():
        figures = [compute(name, params) for name in question.figures]
        answered.append(
            AnsweredQuestion(
                number=question.number,
                text=question.text,
                sentences=[sentence for figure in figures if (sentence := _sentence(figure, params))],
                figures=figures,
                free_answer=question.free_answer,
            )
        )
    return answered


def answer_context(*, question_set: QuestionSet, on: date) -> dict:
    questions = answer(question_set=question_set, on=on)
    return {
        "question_set": question_set,
        "on": on,
        "generated_on": timezone.localdate(),
        "questions": questions,
        "map_svg": map_svg(on=on) if question_set.slug == "samenwerking" else "",
    }


def answer_pdf(*, question_set: QuestionSet, on: date) -> bytes:
    return render_pdf("reports/answer_pdf.html", answer_context(question_set=question_set, on=on))


def snapshot(*, question_set: QuestionSet, on: date) -> dict:
    return {figure.name: figure.as_json() for q in answer(question_set=question_set, on=on) for figure in q.figures}


@transaction.atomic
def freeze(*, question_set: QuestionSet, on: date, by) -> FrozenAnswer:
    frozen = FrozenAnswer(
        question_set=question_set, reference_date=on, figures=snapshot(question_set=question_set, on=on), created_by=by
    )
    frozen.pdf.save(
        f"antwoord-{question_set.slug}-{on.isoformat()}.pdf",
        ContentFile(answer_pdf(question_set=question_set, on=on)),
        save=False,
    )
    frozen.save()
    return frozen


def changed_since_frozen(frozen: FrozenAnswer) -> list[str]:
    """The figures whose numbers differ today from the frozen ones."""
    current = snapshot(question_set=frozen.question_set, on=frozen.reference_date)
    return [name for name, rows in frozen.figures.items() if current.get(name) != rows]
