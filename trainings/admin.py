"""Staff admin for trainings, in Dutch, with the printable sign-in sheet."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.pdf import pdf_response, render_pdf
from trainings import services
from trainings.models import Module, Registration, TrainingSession


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]


class YearFilter(admin.SimpleListFilter):
    title = _("jaar")
    parameter_name = "jaar"

    def lookups(self, request, model_admin):
        years = TrainingSession.objects.annotate(year=ExtractYear("date")).values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in sorted(set(years), reverse=True)]

    def queryset(self, request, queryset):
        return queryset.filter(date__year=self.value()) if self.value() else queryset


class RegistrationInline(admin.TabularInline):
    """New rows go through the registration rules; the status follows from them and from cancellations."""

    model = Registration
    extra = 0
    fields = ["name", "function", "organisation", "organisation_name", "status", "attended"]
    readonly_fields = ["status"]
    autocomplete_fields = ["organisation"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "organiser_label", "target_group", "capacity", "participants", "is_synthetic"]
    list_filter = [YearFilter, "organiser", "modules", "target_group", "is_synthetic"]
    search_fields = ["organiser_name", "organiser__name", "target_group", "location"]
    autocomplete_fields = ["organiser", "invited_organisations"]
    filter_horizontal = ["modules"]
    date_hierarchy = "date"
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_participants().select_related("organiser")

    @admin.display(description=_("inrichter"))
    def organiser_label(self, session):
        return session.organiser_label

    @admin.display(description=_("deelnemers"), ordering="participants")
    def participants(self, session):
        return session.participants

    def save_formset(self, request, form, formset, change):
        if formset.model is not Registration:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        session = form.instance
        try:
            for inline_form in formset.extra_forms:
                if inline_form.has_changed() and not formset._should_delete_form(inline_form):
                    data = inline_form.cleaned_data
                    registration = services.register(
                        session=session,
                        name=data["name"],
                        function=data.get("function", ""),
                        organisation=data.get("organisation"),
                        organisation_name=data.get("organisation_name", ""),
                        registered_by=request.user,
                    )
                    formset.new_objects.append(registration)
            marked = [f for f in formset.initial_forms if "attended" in f.changed_data]
            if marked:
                attended = {f.instance.pk for f in formset.initial_forms if f.cleaned_data.get("attended")}
                services.mark_attendance(session=session, attended_ids=attended, by=request.user)
                formset.changed_objects += [(f.instance, ["attended"]) for f in marked]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        for inline_form in formset.initial_forms:
            if formset._should_delete_form(inline_form):
                formset.deleted_objects.append(inline_form.instance)
                inline_form.instance.delete()

    def get_urls(self):
        sheet = self.admin_site.admin_view(self.sign_in_sheet)
        return [path("<int:session_id>/aanwezigheidslijst.pdf", sheet, name="trainings_session_sheet"), *super().get_urls()]

    def sign_in_sheet(self, request, session_id: int):
        session = get_object_or_404(self.get_queryset(request), pk=session_id)
        registrations = session.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
        pdf = render_pdf("trainings/sign_in_sheet.html", {"session": session, "registrations": registrations})
        return pdf_response(pdf, f"aanwezigheidslijst-{session.date.isoformat()}.pdf")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sheet_url = reverse("admin:trainings_session_sheet", args=[object_id])
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "sheet_url": sheet_url})


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    actions = ["cancel"]
    list_display = ["name", "organisation_name", "session", "status", "attended"]
    list_filter = ["status", "attended"]
    search_fields = ["name", "organisation_name"]
    list_select_related = ["session", "session__organiser"]
    autocomplete_fields = ["organisation"]

    @admin.action(description=_("Geselecteerde inschrijvingen annuleren (de wachtlijst schuift door)"))
    def cancel(self, request, queryset):
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            services.cancel_registration(registration=registration, by=request.user)
        self.message_user(request, _("Inschrijvingen geannuleerd."))
