"""What the reports need beyond the other apps: funding received, question sets, and frozen answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import LONG_TEXT, text_limit
from core.years import FIRST_YEAR, LAST_YEAR, YEAR_ERROR, sane_date


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
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "funder"]
        verbose_name = _("financiering")
        verbose_name_plural = _("financiering")
        constraints = [models.UniqueConstraint(fields=["year", "funder", "kind"], name="one_funding_per_year_funder_kind")]

    def __str__(self):
        return f"{self.year} {self.funder}"


class QuestionSet(models.Model):
    """A recurring written parliamentary question; staff may edit its questions."""

    slug = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("inleiding"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])

    class Meta:
        ordering = ["title"]
        verbose_name = _("vragenreeks")
        verbose_name_plural = _("vragenreeksen")

    def __str__(self):
        return self.title


class Question(models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("vragenreeks")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("vraag"), max_length=LONG_TEXT, validators=[text_limit()])
    figures = models.JSONField(
        _("cijfers"), default=list, blank=True, help_text=_('Namen van de cijfers die het antwoord toont, bv. ["coverage"].')
    )
    free_answer = models.TextField(
        _("vrij antwoord"),
        blank=True,
        help_text=_("Voor beleidsvragen zonder cijfers."),
        max_length=LONG_TEXT,
        validators=[text_limit()],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["question_set", "number"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [models.UniqueConstraint(fields=["question_set", "number"], name="one_question_per_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    def clean(self):
        """Only figures the portal computes: a misspelt name would leave a question without its numbers."""
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


class FrozenAnswer(models.Model):
    """A published answer: its figures and its PDF as they were, whatever the data does later."""

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="frozen_answers", verbose_name=_("vragenreeks")
    )
    reference_date = models.DateField(_("peildatum"), validators=[sane_date])
    figures = models.JSONField(_("cijfers"))
    pdf = models.FileField(_("PDF"), upload_to="answers/")
    created_at = models.DateTimeField(_("bevroren op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("bevroren door")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bevroren antwoord")
        verbose_name_plural = _("bevroren antwoorden")

    def __str__(self):
        return f"{self.question_set} ({self.reference_date:%d/%m/%Y})"
