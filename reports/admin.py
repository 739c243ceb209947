from django.contrib import admin

from reports.models import FrozenAnswer, Funding, Question, QuestionSet


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin):
    list_display = ["year", "funder", "kind", "amount"]
    list_filter = ["year", "kind"]


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

    def has_add_permission(self, request):
        return False
