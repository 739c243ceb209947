from django.contrib import admin

from core.admin_display import amount_column
from reports.models import FrozenAnswer, Funding, Question, QuestionSet


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin):
    list_display = ["year", "funder", "kind", "amount_eur"]
    list_filter = ["year", "kind"]
    amount_eur = amount_column(Funding, "amount")


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    inlines = [QuestionInline]


@admin.register(FrozenAnswer)
class FrozenAnswerAdmin(admin.ModelAdmin):
    list_display = ["question_set", "reference_date", "created_at", "created_by"]
    readonly_fields = ["question_set", "reference_date", "figures", "pdf", "created_at", "created_by"]
    exclude = ["drilldown"]  # the keys behind each cell, shown as lists by the frozen answer's links

    def has_add_permission(self, request):
        return False
