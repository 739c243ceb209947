from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_display import amount_column
from core.admin_writes import ReadOnlyAdmin
from reports.figures import FIGURES
from reports.models import FrozenAnswer, Funding, PdfJob, Question, QuestionSet


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin):
    list_display = ["year", "funder", "kind", "amount_eur", "is_synthetic"]
    list_filter = ["year", "kind", "is_synthetic"]
    amount_eur = amount_column(Funding, "amount")


class QuestionInline(admin.StackedInline):
    """Each question with its figures and the period they count; Question.clean refuses what cannot be counted."""

    model = Question
    extra = 0
    fields = ["number", "text", "figures", "span", ("period_start", "period_end"), "free_answer", "note"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "figures":
            field.help_text = _('Namen van de cijfers die het antwoord toont, bv. ["coverage"]. Kies uit: %(known)s.') % {
                "known": ", ".join(sorted(FIGURES))
            }
        return field


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "question_number", "asked_by", "asked_on", "answered_on"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "introduction"]}),
        (_("Schriftelijke vraag"), {"fields": ["question_number", "asked_by", "asked_on", "answered_on"]}),
    ]
    inlines = [QuestionInline]


@admin.register(FrozenAnswer)
class FrozenAnswerAdmin(admin.ModelAdmin):
    list_display = ["question_set", "reference_date", "created_at", "created_by"]
    readonly_fields = ["question_set", "reference_date", "figures", "answer", "pdf", "created_at", "created_by"]
    exclude = ["drilldown"]  # the keys behind each cell, shown as lists by the frozen answer's links

    def has_add_permission(self, request):
        return False


@admin.register(PdfJob)
class PdfJobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The PDFs made in the background (reports.pdf_queue): what was asked, by whom, and how far it is."""

    list_display = ["created_at", "filename", "kind", "state", "progress", "requested_by"]
    list_filter = ["state", "kind"]
    readonly_fields = ("filename", "kind", "params", "language", "state", "progress", "requested_by", "created_at", "finished_at")
    fields = readonly_fields
