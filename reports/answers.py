"""The parliamentary answer: each question followed by a sentence with its figures and its tables.

Saving an answer freezes it: its figures' values and its PDF are stored, so the published
answer can be downloaded unchanged later, read again in any language, and the portal can say
what changed since.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.pdf import render_pdf
from reports import drilldown
from reports.figures import FIGURES, Figure, Params, compute
from reports.maps import map_svg
from reports.models import FrozenAnswer, QuestionSet


@dataclass
class AnsweredQuestion:
    number: int
    text: str
    figures: list[Figure]
    free_answer: str

    @property
    def sentences(self) -> list[str]:
        """Each figure's sentence, written when the answer is rendered, in the reader's language."""
        return [sentence for figure in self.figures if (sentence := figure.sentence())]


def params_for(on: date) -> Params:
    """Questions about "the past three years" cover the reference year and the two before it."""
    return Params(on=on, start_year=on.year - 2, end_year=on.year)


def answer(*, question_set: QuestionSet, on: date) -> list[AnsweredQuestion]:
    params = params_for(on)
    return [
        AnsweredQuestion(
            question.number, question.text, [compute(name, params) for name in question.figures], question.free_answer
        )
        for question in question_set.questions.all()
    ]


def frozen_answer(frozen: FrozenAnswer) -> list[AnsweredQuestion]:
    """The answer as it was frozen: today's questions with the figures' frozen values."""
    params = params_for(frozen.reference_date)
    return [
        AnsweredQuestion(
            question.number,
            question.text,
            [
                Figure.from_data(FIGURES[name], params, frozen.figures[name])
                for name in question.figures
                if name in FIGURES and name in frozen.figures
            ],
            question.free_answer,
        )
        for question in frozen.question_set.questions.all()
    ]


def answer_context(*, question_set: QuestionSet, on: date) -> dict[str, Any]:
    return _context(question_set, on, answer(question_set=question_set, on=on))


def _context(question_set: QuestionSet, on: date, questions: list[AnsweredQuestion]) -> dict[str, Any]:
    return {
        "question_set": question_set,
        "on": on,
        "generated_on": timezone.localdate(),
        "questions": questions,
        "map_svg": map_svg(on=on) if question_set.slug == "samenwerking" else "",
    }


def frozen_context(frozen: FrozenAnswer) -> dict[str, Any]:
    """The frozen answer, to read in the reader's language; without the map, which is drawn from today's data."""
    return {
        "question_set": frozen.question_set,
        "on": frozen.reference_date,
        "generated_on": timezone.localtime(frozen.created_at).date(),
        "questions": frozen_answer(frozen),
        "map_svg": "",
    }


def answer_pdf(*, question_set: QuestionSet, on: date) -> bytes:
    return render_pdf("reports/answer_pdf.html", answer_context(question_set=question_set, on=on))


def _values(questions: list[AnsweredQuestion]) -> dict[str, list]:
    """The values of the answer's figures, without a label or a sentence, so they read the same in every language."""
    return {figure.name: figure.as_data() for question in questions for figure in question.figures}


@transaction.atomic
def freeze(*, question_set: QuestionSet, on: date, by) -> FrozenAnswer:
    """Stores the answer's values and its PDF, both from one computation of its figures."""
    questions = answer(question_set=question_set, on=on)
    frozen = FrozenAnswer(
        question_set=question_set,
        reference_date=on,
        figures=_values(questions),
        drilldown=frozen_drilldown(questions),
        created_by=by,
    )
    frozen.pdf.save(
        f"antwoord-{question_set.slug}-{on.isoformat()}.pdf",
        ContentFile(render_pdf("reports/answer_pdf.html", _context(question_set, on, questions))),
        save=False,
    )
    frozen.save()
    return frozen


def frozen_drilldown(questions: list[AnsweredQuestion]) -> dict[str, Any]:
    """Per figure the keys of the records behind each cell, so the frozen answer's numbers stay traceable as they were."""
    return {figure.name: drilldown.frozen_cells(figure) for question in questions for figure in question.figures}


def changed_since_frozen(frozen: FrozenAnswer) -> list[str]:
    """The names of the figures whose values differ today from the frozen ones."""
    current = _values(answer(question_set=frozen.question_set, on=frozen.reference_date))
    return [name for name, rows in frozen.figures.items() if current.get(name) != rows]
