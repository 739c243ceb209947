"""The parliamentary answer: each question followed by sentences on its figures, its tables and footnotes.

Each question counts its figures over its own period (`Question.params`). A figure whose
period lies before its first record says "niet geregistreerd" instead of a zero; footnotes
carry the question's note, a period only partly recorded, and figures that count synthetic
demo records. Saving an answer freezes it: its questions, periods and figures' values are stored
at once and its PDF by a background task, so the published answer can be downloaded unchanged later, read again in any
language with the same sentences, and the portal can say what changed since.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from reports import drilldown, pdf_queue, sentences
from reports.annexes import annexed
from reports.figures import FIGURES, Figure, Params, compute
from reports.maps import map_svg
from reports.models import FrozenAnswer, PdfJob, Question, QuestionSet
from reports.registry import Period


class Recorded(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


@dataclass
class FigureAnswer:
    """A figure as the answer uses it: its values, since when its records exist, and whether they are synthetic."""

    figure: Figure
    since: date | None = None
    recorded: Recorded = Recorded.YES
    synthetic: bool = False


@dataclass
class AnsweredQuestion:
    number: int
    text: str
    items: list[FigureAnswer]
    free_answer: str = ""
    period: tuple[date, date] | None = None
    note: str = ""
    figures: list[Figure] = field(init=False)
    """The figures with numbers for the period: the answer's tables."""

    def __post_init__(self):
        self.figures = [item.figure for item in self.items if item.recorded != Recorded.NO]

    @property
    def sentences(self) -> list[str]:
        """Each figure's sentence, written when the answer is rendered, in the reader's language."""
        return [sentence for item in self.items if (sentence := _sentence(item))]

    @property
    def footnotes(self) -> list[str]:
        notes = [self.note] if self.note else []
        notes += [
            sentences.partly_recorded(item.figure, item.since)
            for item in self.items
            if item.since and item.recorded == Recorded.PARTLY
        ]
        notes += [sentences.synthetic(item.figure) for item in self.items if item.synthetic and item.recorded != Recorded.NO]
        return notes

    @property
    def period_label(self) -> str:
        if self.period is None:
            return ""
        start, end = self.period
        if start == end:
            return date_format(start, "SHORT_DATE_FORMAT")
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return f"{date_format(start, 'SHORT_DATE_FORMAT')}–{date_format(end, 'SHORT_DATE_FORMAT')}"


def _sentence(item: FigureAnswer) -> str:
    if item.recorded == Recorded.NO:
        return sentences.not_recorded(item.figure, item.since)
    return item.figure.sentence()


def _recorded(figure: Figure, since: date | None) -> Recorded:
    """Compared at the figure's own grain: a day for a figure on a date, a year for a figure per year."""
    period = figure.spec.period
    if figure.spec.recorded_since is None or period == Period.CATALOGUE:
        return Recorded.YES
    if since is None:
        return Recorded.NO
    if period == Period.ON:
        return Recorded.NO if figure.params.on < since else Recorded.YES
    if figure.params.end_year < since.year:
        return Recorded.NO
    return Recorded.PARTLY if figure.params.start_year < since.year else Recorded.YES


def _figure_answer(name: str, params: Params) -> FigureAnswer:
    return _figure_answer_of(compute(name, params))


def _figure_answer_of(figure: Figure) -> FigureAnswer:
    spec = figure.spec
    since = spec.recorded_since() if spec.recorded_since else None
    recorded = _recorded(figure, since)
    synthetic = recorded != Recorded.NO and spec.synthetic is not None and spec.synthetic(figure.params)
    return FigureAnswer(figure, since, recorded, synthetic)


def page_notes(figure: Figure) -> list[str]:
    """What a figure's page says under its table, as the answer would: why the table is empty, and
    that its numbers count synthetic demo records."""
    item = _figure_answer_of(figure)
    notes = []
    if item.recorded == Recorded.NO:
        notes.append(sentences.not_recorded(figure, item.since))
    elif not figure.detail_rows and figure.spec.period != Period.CATALOGUE:
        notes.append(sentences.nothing_recorded(figure))
    if item.synthetic:
        notes.append(sentences.synthetic(figure))
    return notes


def answer_question(question: Question, on: date) -> AnsweredQuestion:
    params = question.params(on)
    return AnsweredQuestion(
        question.number,
        question.text,
        [_figure_answer(name, params) for name in question.figures if name in FIGURES],
        question.free_answer,
        question.period(on),
        question.note,
    )


def answer(*, question_set: QuestionSet, on: date) -> list[AnsweredQuestion]:
    return [answer_question(question, on) for question in question_set.questions.all()]


def metadata_of(question_set: QuestionSet) -> dict[str, Any]:
    return {
        "question_number": question_set.question_number,
        "asked_by": question_set.asked_by,
        "asked_on": question_set.asked_on,
        "answered_on": question_set.answered_on,
    }


def heading(metadata: dict[str, Any]) -> list[str]:
    """The lines that head a Flemish parliamentary answer: the written question's number, who asked it and
    when, and the date of the answer; each part only when it is known."""
    parts = [_("Schriftelijke vraag")]
    if metadata.get("question_number"):
        parts.append(_("nr. %(number)s") % {"number": metadata["question_number"]})
    if metadata.get("asked_by"):
        parts.append(_("van %(person)s") % {"person": metadata["asked_by"]})
    if metadata.get("asked_on"):
        parts.append(_("van %(day)s") % {"day": date_format(metadata["asked_on"], "j F Y")})
    lines = [" ".join(parts)] if len(parts) > 1 else []
    if metadata.get("answered_on"):
        lines.append(_("Antwoord van %(day)s") % {"day": date_format(metadata["answered_on"], "j F Y")})
    return lines


def answer_context(*, question_set: QuestionSet, on: date) -> dict[str, Any]:
    return _context(question_set, on, answer(question_set=question_set, on=on), metadata_of(question_set))


def _context(question_set: QuestionSet, on: date, questions: list[AnsweredQuestion], metadata: dict) -> dict[str, Any]:
    return {
        "question_set": question_set,
        "on": on,
        "generated_on": timezone.localdate(),
        "questions": questions,
        "metadata": metadata,
        "heading": heading(metadata),
        "map_svg": map_svg(on=on) if question_set.slug == "samenwerking" else "",
    }


def answer_pdf(*, question_set: QuestionSet, on: date) -> bytes:
    return _answer_pdf(answer_context(question_set=question_set, on=on))


def pdf_context(context: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """An answer's context for its PDF, whose long tables go to annexes, and the annexed files."""
    return annexed(context, figures=[figure for question in context["questions"] for figure in question.figures])


def _answer_pdf(context: dict[str, Any]) -> bytes:
    document_context, attachments = pdf_context(context)
    return render_pdf("reports/answer_pdf.html", document_context, attachments=attachments)


def _values(questions: list[AnsweredQuestion]) -> dict[str, list]:
    """The values of the answer's figures, without a label or a sentence, so they read the same in every language."""
    return {item.figure.name: item.figure.as_data() for question in questions for item in question.items}


def _stored(questions: list[AnsweredQuestion], metadata: dict[str, Any]) -> dict[str, Any]:
    """What a frozen answer needs to read as it was: each question's period and each figure's values and provenance."""
    return {
        "metadata": {key: value.isoformat() if isinstance(value, date) else value for key, value in metadata.items()},
        "questions": [
            {
                "number": question.number,
                "text": question.text,
                "free_answer": question.free_answer,
                "note": question.note,
                "period": [day.isoformat() for day in question.period] if question.period else None,
                "figures": [
                    {
                        "name": item.figure.name,
                        "params": [item.figure.params.on.isoformat(), item.figure.params.start_year, item.figure.params.end_year],
                        "rows": item.figure.as_data(),
                        "since": item.since.isoformat() if item.since else None,
                        "recorded": str(item.recorded),
                        "synthetic": item.synthetic,
                    }
                    for item in question.items
                ],
            }
            for question in questions
        ],
    }


def _restored(stored: dict[str, Any]) -> list[AnsweredQuestion]:
    questions = []
    for question in stored["questions"]:
        items = []
        for item in question["figures"]:
            if item["name"] not in FIGURES:
                continue
            on, start_year, end_year = item["params"]
            params = Params(on=date.fromisoformat(on), start_year=start_year, end_year=end_year)
            figure = Figure.from_data(FIGURES[item["name"]], params, item["rows"])
            since = date.fromisoformat(item["since"]) if item["since"] else None
            items.append(FigureAnswer(figure, since, Recorded(item["recorded"]), item["synthetic"]))
        start, end = question["period"] or (None, None)
        period = (date.fromisoformat(start), date.fromisoformat(end)) if start and end else None
        questions.append(
            AnsweredQuestion(question["number"], question["text"], items, question["free_answer"], period, question["note"])
        )
    return questions


def _legacy(frozen: FrozenAnswer) -> list[AnsweredQuestion]:
    """An answer frozen before questions had periods: today's questions with the frozen values over three years."""
    params = Params(on=frozen.reference_date, start_year=frozen.reference_date.year - 2, end_year=frozen.reference_date.year)
    return [
        AnsweredQuestion(
            question.number,
            question.text,
            [
                FigureAnswer(Figure.from_data(FIGURES[name], params, frozen.figures[name]))
                for name in question.figures
                if name in FIGURES and name in frozen.figures
            ],
            question.free_answer,
        )
        for question in frozen.question_set.questions.all()
    ]


def frozen_answer(frozen: FrozenAnswer) -> list[AnsweredQuestion]:
    """The answer as it was frozen: its questions, periods and figures' values."""
    return _restored(frozen.answer) if frozen.answer.get("questions") else _legacy(frozen)


def frozen_context(frozen: FrozenAnswer) -> dict[str, Any]:
    """The frozen answer, to read in the reader's language; without the map, which is drawn from today's data."""
    stored = frozen.answer.get("metadata") or metadata_of(frozen.question_set)
    metadata = {
        key: date.fromisoformat(value) if key.endswith("_on") and isinstance(value, str) else value
        for key, value in stored.items()
    }
    return {
        "question_set": frozen.question_set,
        "on": frozen.reference_date,
        "generated_on": timezone.localtime(frozen.created_at).date(),
        "questions": frozen_answer(frozen),
        "metadata": metadata,
        "heading": heading(metadata),
        "map_svg": "",
    }


def freeze(*, question_set: QuestionSet, on: date, by) -> FrozenAnswer:
    """Stores the answer's values at once, from one computation of its figures; its PDF is made by a
    background task from those values (`frozen_pdf`), and the frozen answer's page shows it once made."""
    frozen = _store(question_set=question_set, on=on, by=by)
    frozen_pdf_job(frozen, user=by)
    frozen.refresh_from_db(fields=["pdf"])
    return frozen


@transaction.atomic
def _store(*, question_set: QuestionSet, on: date, by) -> FrozenAnswer:
    questions = answer(question_set=question_set, on=on)
    return FrozenAnswer.objects.create(
        question_set=question_set,
        reference_date=on,
        figures=_values(questions),
        drilldown=frozen_drilldown(questions),
        answer=_stored(questions, metadata_of(question_set)),
        created_by=by,
    )


def frozen_filename(frozen: FrozenAnswer) -> str:
    return f"antwoord-{frozen.question_set.slug}-{frozen.reference_date.isoformat()}.pdf"


def frozen_pdf_job(frozen: FrozenAnswer, *, user) -> PdfJob:
    """The background job making the frozen answer's PDF: started, joined while it runs, started again when it failed."""
    filename = frozen_filename(frozen)
    return pdf_queue.start(kind=PdfJob.Kind.FROZEN, params={"frozen": frozen.pk}, apps=(), filename=filename, user=user)


def frozen_pdf(frozen: FrozenAnswer) -> bytes:
    """The frozen answer's PDF from its stored values, with the map of its date; made once, then kept as published."""
    if not frozen.pdf:
        context = {
            **frozen_context(frozen),
            "map_svg": map_svg(on=frozen.reference_date) if frozen.question_set.slug == "samenwerking" else "",
        }
        frozen.pdf.save(frozen_filename(frozen), ContentFile(_answer_pdf(context)), save=False)
        FrozenAnswer.objects.filter(pk=frozen.pk).update(pdf=frozen.pdf.name)
    with frozen.pdf.open("rb") as stored:
        return stored.read()


def frozen_drilldown(questions: list[AnsweredQuestion]) -> dict[str, Any]:
    """Per figure the keys of the records behind each cell, so the frozen answer's numbers stay traceable as they were."""
    return {figure.name: drilldown.frozen_cells(figure) for question in questions for figure in question.figures}


def changed_since_frozen(frozen: FrozenAnswer) -> list[str]:
    """The names of the figures whose values differ today from the frozen ones."""
    current = _values(answer(question_set=frozen.question_set, on=frozen.reference_date))
    return [name for name, rows in frozen.figures.items() if current.get(name) != rows]
