"""Staff admin for cases, in Dutch. Workflow changes go through the services, so they are checked and recorded."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from cases import selectors, services
from cases.forms import EntrepreneurForm
from cases.kbo import kbo_search_term
from cases.models import (
    AccessLog,
    Activity,
    Approval,
    Case,
    CaseReport,
    Entrepreneur,
    PayerLine,
    Referral,
    StatusChange,
    TeamMember,
)
from core.admin_display import amount_column
from core.admin_lists import LargeTableAdmin
from core.admin_widgets import BoundedRelationFields
from core.admin_worklists import WorklistFilter
from core.admin_writes import GuardsAgainstLostUpdates, LogAdmin, RecordInline, WorkflowInline, WritesThroughService


class SearchesEnterpriseNumbers:
    """An enterprise number is found however it is written; Django would split `BE 0403 170 701` into four terms."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, kbo_search_term(search_term))


@admin.register(Entrepreneur)
class EntrepreneurAdmin(LargeTableAdmin, SearchesEnterpriseNumbers, BoundedRelationFields, admin.ModelAdmin):
    form = EntrepreneurForm
    list_display = ["name", "enterprise_number_column", "legal_form", "municipality", "anonymised_at"]
    search_fields = ["name", "enterprise_number", "email"]
    autocomplete_fields = ["municipality"]
    list_filter = ["legal_form", "language", "is_synthetic"]
    list_select_related = ["municipality"]

    @admin.display(description=Entrepreneur._meta.get_field("enterprise_number").verbose_name, ordering="enterprise_number")
    def enterprise_number_column(self, entrepreneur):
        return entrepreneur.enterprise_number_display

    def save_model(self, request, obj, form, change):
        services.save_entrepreneur(entrepreneur=obj)


class TeamInline(admin.TabularInline):
    model = TeamMember
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["date", "kind", "description"]


class ReferralInline(WorkflowInline):
    model = Referral
    fields = ["referred_on", "ocmw", "reason", "outcome"]


class ApprovalInline(WorkflowInline):
    model = Approval
    fields = ["organisation", "decision", "amount_eur", "reason", "decided_by_name", "decided_on"]
    amount_eur = amount_column(Approval, "amount")


class PayerLineInline(WorkflowInline):
    model = PayerLine
    fields = ["payer", "amount_eur", "paid_on"]
    amount_eur = amount_column(PayerLine, "amount")


class StatusChangeInline(RecordInline):
    model = StatusChange
    fields = ["from_status", "to_status", "changed_by", "changed_at"]


class ReportInline(RecordInline):
    model = CaseReport
    fields = ["version", "download", "created_at", "created_by"]

    @admin.display(description=_("bestand"))
    def download(self, report):
        return format_html('<a href="{}">PDF</a>', reverse("cases:report_download", args=[report.case_id, report.version]))


class CaseWorklistFilter(WorklistFilter):
    worklists = {
        "akkoord": (_("wacht op akkoord van het lokale bestuur"), selectors.awaiting_approval),
        "stil": (_("30 dagen zonder activiteit"), selectors.stale),
    }


@admin.register(Case)
class CaseAdmin(LargeTableAdmin, SearchesEnterpriseNumbers, BoundedRelationFields, GuardsAgainstLostUpdates, SimpleHistoryAdmin):
    list_display = ["number", "opened_on", "entrepreneur", "municipality", "phase", "status", "funding_basis", "case_worker"]
    list_filter = [
        CaseWorklistFilter,
        "status",
        "phase",
        "channel",
        "funding_basis",
        "municipality__province",
        "case_worker",
        "is_synthetic",
    ]
    search_fields = ["entrepreneur__name", "entrepreneur__enterprise_number", "municipality__name_nl"]
    list_select_related = ["entrepreneur", "municipality", "case_worker"]
    autocomplete_fields = ["entrepreneur", "municipality", "referring_organisation"]
    readonly_fields = ["status", "outcome", "closed_on", "funding_basis", "shared_with_local_authority", "anonymised_at"]
    date_hierarchy = "opened_on"
    inlines = [TeamInline, ActivityInline, ReferralInline, ApprovalInline, PayerLineInline, StatusChangeInline, ReportInline]
    actions = ["to_intake", "to_ongoing", "refer_to_local_authority", "remind_partner"]

    @admin.display(description=_("nummer"), ordering="pk")
    def number(self, case):
        return case.pk

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        created = services.open_case(
            entrepreneur=obj.entrepreneur,
            municipality=obj.municipality,
            opened_on=obj.opened_on,
            channel=obj.channel,
            phase=obj.phase,
            referring_organisation=obj.referring_organisation,
            case_worker=obj.case_worker,
            situation=obj.situation,
            by=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def view_on_site(self, case):
        return reverse("cases:detail", args=[case.pk])

    def _move(self, request, queryset, to):
        for case in queryset:
            try:
                services.change_status(case=case, to=to, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{case}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Naar intake"))
    def to_intake(self, request, queryset):
        self._move(request, queryset, Case.Status.INTAKE)

    @admin.action(description=_("Naar lopend"))
    def to_ongoing(self, request, queryset):
        self._move(request, queryset, Case.Status.ONGOING)

    @admin.action(description=_("Triëren en doorgeven aan het OCMW"))
    def refer_to_local_authority(self, request, queryset):
        for case in queryset:
            try:
                services.refer_to_local_authority(case=case, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{case}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Herinner partner"), permissions=["change"])
    def remind_partner(self, request, queryset):
        """E-mail the deciding local authority about each selected case still waiting for its approval."""
        for case in queryset:
            self._remind(request, case)

    def _remind(self, request, case):
        try:
            people = services.remind_approval(case=case, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            message = ngettext(
                "%(case)s: herinnering verstuurd naar %(count)s partnerbeheerder.",
                "%(case)s: herinnering verstuurd naar %(count)s partnerbeheerders.",
                people,
            )
            self.message_user(request, message % {"case": case, "count": people}, messages.SUCCESS)

    def get_urls(self):
        remind = self.admin_site.admin_view(require_POST(self.remind_view))
        return [path("<int:case_id>/herinneren/", remind, name="cases_case_remind"), *super().get_urls()]

    def remind_view(self, request, case_id: int):
        """The "Herinner partner" button on a case waiting for its approval: the action, for this one case."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        self._remind(request, get_object_or_404(Case, pk=case_id))
        return redirect("admin:cases_case_change", case_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        waiting = object_id.isdigit() and selectors.awaiting_approval(Case.objects.filter(pk=object_id)).exists()
        extra_context = {
            **(extra_context or {}),
            "remind_url": reverse("admin:cases_case_remind", args=[object_id]) if waiting else "",
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AccessLog)
class AccessLogAdmin(LogAdmin, LargeTableAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "case", "action", "path"]
    list_select_related = ["user", "case"]
    list_filter = ["action"]
    search_fields = ["user__email", "path"]
    date_hierarchy = "at"


class CasePartAdmin(LargeTableAdmin, BoundedRelationFields, SimpleHistoryAdmin):
    """A record that belongs to a case, with its own page for its change history."""

    list_select_related = True
    autocomplete_fields = ["case"]
    search_fields = ["case__entrepreneur__name", "case__pk"]


@admin.register(Referral)
class ReferralAdmin(WritesThroughService, CasePartAdmin):
    list_display = ["case", "referred_on", "ocmw", "outcome"]
    list_filter = ["outcome", "ocmw__municipality__province"]
    autocomplete_fields = ["case", "ocmw"]
    date_hierarchy = "referred_on"

    def store(self, request, obj):
        return services.store_referral(referral=obj)


@admin.register(Approval)
class ApprovalAdmin(GuardsAgainstLostUpdates, WritesThroughService, CasePartAdmin):
    list_display = ["case", "organisation", "decision", "amount_eur", "decided_on", "decided_by_name"]
    amount_eur = amount_column(Approval, "amount")
    list_filter = ["decision"]
    autocomplete_fields = ["case", "organisation"]

    def store(self, request, obj):
        return services.store_approval(approval=obj)


@admin.register(PayerLine)
class PayerLineAdmin(WritesThroughService, CasePartAdmin):
    list_display = ["case", "payer", "amount_eur", "paid_on"]
    amount_eur = amount_column(PayerLine, "amount")
    list_filter = ["payer"]
    date_hierarchy = "paid_on"

    def store(self, request, obj):
        return services.store_payer_line(line=obj)
