"""The staff admin of cooperation records, in Dutch."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_display import amount_column
from core.admin_lists import LargeTableAdmin
from core.admin_widgets import BoundedRelationFields
from core.admin_worklists import WorklistFilter
from core.admin_writes import GuardsAgainstLostUpdates
from core.templatetags.dyzo_format import grouped
from partnerships import admin_actions, services
from partnerships.admin_filters import (
    CurrentStatusFilter,
    InForceOnFilter,
    PeriodFilter,
    PopulationBandFilter,
    latest_population,
)
from partnerships.admin_import import import_urls
from partnerships.models import (
    Agreement,
    ConsultationDay,
    DeclineReason,
    Membership,
    Municipality,
    Organisation,
    Outreach,
    Population,
    Province,
    TariffBand,
)
from partnerships.selectors import NO_COOPERATION, annotate_cooperation_status, worklists
from partnerships.views import offer_document

admin.site.site_header = _("Dyzo-portaal")
admin.site.site_title = _("Dyzo-portaal")
admin.site.index_title = _("Beheer")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "nis_code", "name_fr"]
    search_fields = ["name_nl", "nis_code"]


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(LargeTableAdmin, admin.ModelAdmin):
    list_display = ["name_nl", "nis_code", "province", "period_label", "inhabitants", "status_today"]
    list_filter = ["province", PeriodFilter, PopulationBandFilter, CurrentStatusFilter]
    search_fields = ["name_nl", "name_fr", "nis_code"]
    readonly_fields = ["successor"]
    exclude = ["descendants"]
    inlines = [PopulationInline]
    list_select_related = ["province", "successor"]

    def get_queryset(self, request):
        today = timezone.localdate()
        queryset = super().get_queryset(request).annotate(latest_inhabitants=latest_population())
        return annotate_cooperation_status(queryset, on=today)

    @admin.display(description=_("periode"))
    def period_label(self, municipality):
        return municipality.period_label

    @admin.display(description=_("inwoners"), ordering="latest_inhabitants")
    def inhabitants(self, municipality):
        return grouped(municipality.latest_inhabitants)

    @admin.display(description=_("samenwerking vandaag"))
    def status_today(self, municipality):
        if not municipality.exists_on(timezone.localdate()):
            return _("opgegaan in %(successor)s") % {"successor": municipality.successor}
        if municipality.status_form == NO_COOPERATION:
            return _("Geen")
        return Agreement.Form(municipality.status_form).label

    def get_urls(self):
        return [
            path(
                "<int:municipality_id>/aanbod.pdf",
                self.admin_site.admin_view(offer_document),
                name="partnerships_municipality_offer",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "offer_url": reverse("admin:partnerships_municipality_offer", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)


class OutreachInline(admin.TabularInline):
    model = Outreach
    extra = 0
    fields = ["sent_on", "status", "status_date", "decline_reason", "decline_explanation", "follow_up_on"]
    show_change_link = True


class MembershipInline(BoundedRelationFields, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(LargeTableAdmin, BoundedRelationFields, GuardsAgainstLostUpdates, admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "contact_person", "dyzo_contact", "email", "phone"]
    list_filter = ["kind", "municipality__province"]
    search_fields = ["name", "municipality__name_nl", "municipality__nis_code"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["dyzo_contact"]
    readonly_fields = ["agreements_table"]
    inlines = [OutreachInline, MembershipInline]

    @admin.display(description=_("overeenkomsten"))
    def agreements_table(self, organisation):
        """Agreements are kept per municipality and party, so they are listed here rather than edited inline."""
        if not organisation.pk:
            return "–"
        agreements = Agreement.objects.filter(municipality=organisation.municipality).of_party(organisation.kind)
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:partnerships_agreement_change", args=[agreement.pk]),
                    agreement.get_form_display(),
                    agreement.get_party_display(),
                    date_format(agreement.start_date, "SHORT_DATE_FORMAT"),
                    date_format(agreement.end_date, "SHORT_DATE_FORMAT") if agreement.end_date else "–",
                )
                for agreement in agreements
            ),
        )
        add_url = reverse("admin:partnerships_agreement_add")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a class="addlink" href="{}?municipality={}&amp;party={}">{}</a></p>',
            _("vorm"),
            _("partij"),
            _("begin"),
            _("einde"),
            rows,
            add_url,
            organisation.municipality_id,
            organisation.kind,
            _("Overeenkomst toevoegen"),
        )


class ConsultationDayInline(admin.TabularInline):
    model = ConsultationDay
    extra = 0


class AgreementWorklistFilter(WorklistFilter):
    worklists = {
        "loopt_af": (_("loopt af binnen 60 dagen"), worklists.ending_soon),
        "zonder_opvolger": (_("afgelopen zonder opvolger"), worklists.ended_without_successor),
    }


@admin.register(Agreement)
class AgreementAdmin(LargeTableAdmin, BoundedRelationFields, GuardsAgainstLostUpdates, SimpleHistoryAdmin):
    list_display = ["municipality", "party", "form", "start_date", "end_date", "annual_fee_eur", "is_synthetic"]
    list_filter = [
        AgreementWorklistFilter,
        "form",
        "party",
        ("municipality__province", admin.RelatedFieldListFilter),
        InForceOnFilter,
        "is_synthetic",
    ]
    search_fields = ["municipality__name_nl", "municipality__nis_code", "notes"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["municipality", "party", "form"]}),
        (_("Periode"), {"fields": ["start_date", "end_date", "signed_on"]}),
        (_("Jaarovereenkomst"), {"fields": ["annual_fee", "consultation_schedule", "consultation_place"]}),
        (None, {"fields": ["notes", "is_synthetic"]}),
    ]
    inlines = [ConsultationDayInline]
    actions = [admin_actions.extend, admin_actions.end]
    annual_fee_eur = amount_column(Agreement, "annual_fee")

    def save_model(self, request, obj, form, change):
        services.store_agreement(agreement=obj)

    def get_urls(self):
        return [*import_urls(self), *super().get_urls()]


class OutreachWorklistFilter(WorklistFilter):
    worklists = {"opvolgen": (_("opvolgdatum voorbij"), worklists.follow_up_due)}


@admin.register(Outreach)
class OutreachAdmin(LargeTableAdmin, BoundedRelationFields, GuardsAgainstLostUpdates, SimpleHistoryAdmin):
    list_display = ["organisation", "sent_on", "status", "status_date", "decline_reason", "follow_up_on"]
    list_filter = [OutreachWorklistFilter, "status", "decline_reason", "organisation__municipality__province", "is_synthetic"]
    search_fields = ["organisation__name", "organisation__municipality__nis_code", "notes"]
    list_select_related = ["organisation", "decline_reason"]
    actions = [admin_actions.answer]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "sent_on"


@admin.register(DeclineReason)
class DeclineReasonAdmin(admin.ModelAdmin):
    list_display = ["label", "position", "needs_explanation", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(TariffBand)
class TariffBandAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "min_population", "max_population", "annual_fee_eur", "per_case_fee_eur", "is_illustrative"]
    list_filter = ["valid_from", "is_illustrative"]
    annual_fee_eur = amount_column(TariffBand, "annual_fee")
    per_case_fee_eur = amount_column(TariffBand, "per_case_fee")


@admin.register(Membership)
class MembershipAdmin(BoundedRelationFields, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
