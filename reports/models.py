"""What the reports need beyond the other apps: funding received, question sets, frozen answers, and PDFs being made."""

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.history import History
from core.validators import LONG_TEXT, text_limit
from core.years import FIRST_YEAR, LAST_YEAR, YEAR_ERROR, sane_date
from reports.params import Params
from reports.registry import FigureSpec, Period


class Funding(models.Model):
    """Money Dyzo received, e.g. the operating subsidy of the Agentschap Innoveren & Ondernemen."""

    class Kind(models.TextChoices):
        OPERATING = "werking", _("Werkingssubsidie")
        PROJECT = "project", _("Projectsubsidie")
        OTHER = "andere", _("Andere")

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(FIRST_YEAR, YEAR_ERROR), MaxValueValidator(LAST_YEAR, YEAR_ERROR)]
    )
    funder = models.CharField(_("financier"), max_length=200)
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=12, decimal_places=2)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.OPERATING)
    note = models.TextField(_("notitie"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    is_synthetic = models.BooleanField(
        _("synthetisch"), default=False, help_text=_("Gegenereerde demogegevens, geen echt record.")
    )
    history = History()

    class Meta:
        ordering = ["year", "funder"]
        verbose_name = _("financiering")
        verbose_name_plural = _("financiering")
        constraints = [models.UniqueConstraint(fields=["year", "funder", "kind"], name="one_funding_per_year_funder_kind")]

    def __str__(self):
        return f"{self.year} {self.funder}"


class QuestionSet(models.Model):
    """A recurring written parliamentary question; staff may edit its questions.

    The written question's number, who asked it and when it was asked and answered head the
    answer document, as in the Flemish Parliament's answers."""

    slug = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("inleiding"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    question_number = models.CharField(_("nummer van de schriftelijke vraag"), max_length=20, blank=True)
    asked_by = models.CharField(_("vraagsteller"), max_length=200, blank=True)
    asked_on = models.DateField(_("gesteld op"), null=True, blank=True, validators=[sane_date])
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True, validators=[sane_date])

    class Meta:
        ordering = ["title"]
        verbose_name = _("vragenreeks")
        verbose_name_plural = _("vragenreeksen")

    def __str__(self):
        return self.title

    def clean(self):
        if self.asked_on and self.answered_on and self.answered_on < self.asked_on:
            raise ValidationError({"answered_on": _("Een vraag wordt beantwoord nadat ze gesteld is.")})


class Question(models.Model):
    class Span(models.TextChoices):
        """The period a question's figures count, relative to the answer's reference date or fixed."""

        ON_DATE = "op_datum", _("Op de peildatum")
        REFERENCE_YEAR = "peiljaar", _("Het jaar van de peildatum")
        THREE_YEARS = "drie_jaar", _("De drie jaar tot en met het jaar van de peildatum")
        YEAR_AROUND = "jaar_rond", _("Van het jaar voor tot het jaar na de peildatum")
        FIXED = "vast", _("Vaste data")

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("vragenreeks")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("vraag"), max_length=LONG_TEXT, validators=[text_limit()])
    figures = models.JSONField(
        _("cijfers"), default=list, blank=True, help_text=_('Namen van de cijfers die het antwoord toont, bv. ["coverage"].')
    )
    span = models.CharField(_("periode"), max_length=10, choices=Span.choices, default=Span.ON_DATE)
    period_start = models.DateField(
        _("van"), null=True, blank=True, validators=[sane_date], help_text=_("Alleen bij vaste data.")
    )
    period_end = models.DateField(
        _("tot en met"), null=True, blank=True, validators=[sane_date], help_text=_("Alleen bij vaste data.")
    )
    free_answer = models.TextField(
        _("vrij antwoord"),
        blank=True,
        help_text=_("Voor beleidsvragen zonder cijfers."),
        max_length=LONG_TEXT,
        validators=[text_limit()],
    )
    note = models.TextField(
        _("voetnoot"),
        blank=True,
        help_text=_("Staat als voetnoot onder het antwoord, bv. een tegenstrijdigheid in de bron."),
        max_length=LONG_TEXT,
        validators=[text_limit()],
    )
    history = History()

    class Meta:
        ordering = ["question_set", "number"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [models.UniqueConstraint(fields=["question_set", "number"], name="one_question_per_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    def period(self, on: date) -> tuple[date, date]:
        """The first and last day the question's figures count, for an answer on `on`."""
        year = on.year
        if self.span == self.Span.FIXED and self.period_start and self.period_end:
            return self.period_start, self.period_end
        years: dict[str, tuple[int, int]] = {
            self.Span.REFERENCE_YEAR: (year, year),
            self.Span.THREE_YEARS: (year - 2, year),
            self.Span.YEAR_AROUND: (year - 1, year + 1),
        }
        first, last = years.get(self.span, (0, 0))
        return (date(first, 1, 1), date(last, 12, 31)) if first else (on, on)

    def params(self, on: date) -> Params:
        """The figures' parameters: figures on a date count on the reference date, or on the last fixed day."""
        start, end = self.period(on)
        day = end if self.span == self.Span.FIXED else on
        return Params(on=day, start_year=start.year, end_year=end.year)

    def clean(self):
        """Only figures the portal computes, over a period they can count: a misspelt name would leave a
        question without its numbers, and a period the figures cannot count would name one and count another."""
        from reports.figures import FIGURES  # the registry fills as reports.figures is read, and that reads this module

        if not isinstance(self.figures, list) or not all(isinstance(name, str) for name in self.figures):
            raise ValidationError({"figures": _('Geef een lijst van namen van cijfers, bv. ["coverage"].')})
        unknown = [name for name in self.figures if name not in FIGURES]
        if unknown:
            raise ValidationError(
                {
                    "figures": _("Onbekende cijfers: %(unknown)s. Kies uit: %(known)s.")
                    % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(FIGURES))}
                }
            )
        errors = _period_errors(self, [FIGURES[name] for name in self.figures])
        if errors:
            raise ValidationError(errors)


def _period_errors(question: Question, specs: list[FigureSpec]) -> dict[str, Any]:
    """Fixed dates only for a fixed period, in order; figures per year over whole years; figures on
    a date on one day."""
    Span = Question.Span
    calendar = ", ".join(str(spec.title) for spec in specs if spec.period == Period.CALENDAR_YEAR)
    if calendar and not _one_calendar_year(question):
        return {
            "span": _(
                "%(figures)s bestaan alleen per kalenderjaar: kies 'Het jaar van de peildatum' of vaste data binnen één kalenderjaar."
            )
            % {"figures": calendar}
        }
    yearly = ", ".join(str(spec.title) for spec in specs if spec.period in (Period.YEARS, Period.CALENDAR_YEAR))
    daily = any(spec.period == Period.ON for spec in specs)
    start, end = question.period_start, question.period_end
    if question.span != Span.FIXED:
        if start or end:
            return {"period_start": _("Begin- en einddatum horen alleen bij een periode met vaste data.")}
        if yearly and question.span == Span.ON_DATE:
            return {"span": _("%(figures)s tellen per jaar: kies een periode van jaren.") % {"figures": yearly}}
        if daily and not yearly and question.span != Span.ON_DATE:
            return {"span": _("Deze cijfers tellen op één dag: kies 'Op de peildatum' of vaste data.")}
        return {}
    if not (start and end):
        return {"period_start": _("Een vaste periode heeft een begin- en een einddatum.")}
    if start > end:
        return {"period_end": _("De einddatum ligt vóór de begindatum.")}
    if yearly and ((start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31)):
        return {
            "period_start": _("%(figures)s tellen hele jaren: laat de periode op 1 januari beginnen en op 31 december eindigen.")
            % {"figures": yearly}
        }
    if daily and not yearly and start != end:
        return {"period_end": _("Deze cijfers tellen op één dag: geef dezelfde begin- en einddatum.")}
    return {}


def _one_calendar_year(question: Question) -> bool:
    """Figures shown per calendar year only (small numbers suppressed) never count over overlapping periods."""
    if question.span == Question.Span.REFERENCE_YEAR:
        return True
    start, end = question.period_start, question.period_end
    return question.span == Question.Span.FIXED and start is not None and end is not None and start.year == end.year


class FrozenAnswer(models.Model):
    """A published answer: its figures and its PDF as they were, whatever the data does later."""

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="frozen_answers", verbose_name=_("vragenreeks")
    )
    reference_date = models.DateField(_("peildatum"), validators=[sane_date])
    figures = models.JSONField(_("cijfers"))
    drilldown = models.JSONField(
        _("records achter de cijfers"),
        default=dict,
        blank=True,
        help_text=_("Per cijfer en cel de sleutels van de records die ze vormen, zoals bij het bevriezen."),
    )
    answer = models.JSONField(
        _("antwoord"), default=dict, blank=True, help_text=_("De vragen, hun perioden en cijfers zoals ze bevroren werden.")
    )
    pdf = models.FileField(
        _("PDF"), upload_to="answers/", blank=True, help_text=_("Leeg zolang de PDF nog gemaakt wordt (een achtergrondtaak).")
    )
    created_at = models.DateTimeField(_("bevroren op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("bevroren door")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bevroren antwoord")
        verbose_name_plural = _("bevroren antwoorden")

    def __str__(self):
        return f"{self.question_set} ({date_format(self.reference_date, 'SHORT_DATE_FORMAT')})"


class PdfJob(models.Model):
    """A PDF made by a background task (reports.pdf_jobs) instead of inside the request.

    `key` is a hash of the document (its kind and parameters), the data generations it reads, the
    language and the day: a job made from older data is never served for newer, and a second request
    for the same document while it is being made finds this row (the unique key) and waits with it.
    """

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Parlementair antwoord")
        FIGURE = "figure", _("Cijfer")
        MAP = "map", _("Kaart")
        TREND = "trend", _("Evolutie")
        FROZEN = "frozen", _("Bevroren antwoord")

    class State(models.TextChoices):
        WAITING = "wacht", _("In de wachtrij")
        RUNNING = "bezig", _("Wordt gemaakt")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    id = models.UUIDField(_("kenmerk"), primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(_("sleutel"), max_length=64, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("taal"), max_length=10)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    state = models.CharField(_("toestand"), max_length=10, choices=State.choices, default=State.WAITING)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0, validators=[MaxValueValidator(100)])
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("gevraagd door")
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("PDF in de maak")
        verbose_name_plural = _("PDF's in de maak")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="pdf_job_progress_at_most_100"),
        ]

    def __str__(self):
        return self.filename
