"""Staff admin for trainings, in Dutch, with the printable sign-in sheet."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_autocomplete_filter import AutocompleteFilter, autocomplete_filter_media
from core.admin_lists import LargeTableAdmin
from core.admin_widgets import BoundedRelationFields
from core.admin_worklists import WorklistFilter
from core.admin_writes import GuardsAgainstLostUpdates, WorkflowInline, WritesThroughService
from core.pdf import pdf_response, render_pdf
from trainings import selectors, services
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
        return [(str(day.year), str(day.year)) for day in TrainingSession.objects.dates("date", "year", order="DESC")]

    def queryset(self, request, queryset):
        return queryset.filter(date__year=self.value()) if self.value() else queryset


class RegistrationInline(WorkflowInline):
    """Shown on the session; registrations are added, cancelled and marked on their own page, through the rules."""

    model = Registration
    fields = ("name", "function", "organisation_name", "status", "attended")


class SessionWorklistFilter(WorklistFilter):
    worklists = {"plaatsen": (_("binnen 30 dagen, met vrije plaatsen of een wachtlijst"), selectors.open_or_waiting)}


@admin.register(TrainingSession)
class TrainingSessionAdmin(LargeTableAdmin, BoundedRelationFields, GuardsAgainstLostUpdates, SimpleHistoryAdmin):
    list_display = ["date", "organiser_label", "target_group", "capacity", "registered", "attendees", "is_synthetic"]
    list_filter = [
        SessionWorklistFilter,
        YearFilter,
        ("organiser", AutocompleteFilter),
        "modules",
        "target_group",
        "is_synthetic",
    ]
    search_fields = ["organiser_name", "organiser__name", "target_group", "location"]
    autocomplete_fields = ["organiser", "invited_organisations"]
    filter_horizontal = ["modules"]
    date_hierarchy = "date"
    inlines = [RegistrationInline]

    @property
    def media(self):
        """The organiser filter's autocomplete needs the widget's scripts on the changelist too."""
        return super().media + autocomplete_filter_media(self, "organiser")

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts().select_related("organiser")

    @admin.display(description=_("inrichter"))
    def organiser_label(self, session):
        return session.organiser_label

    @admin.display(description=_("ingeschreven"), ordering="registered")
    def registered(self, session):
        return session.registered

    @admin.display(description=_("aanwezig"), ordering="attendees")
    def attendees(self, session):
        """Empty (–) until attendance is marked after the session."""
        return session.attendees

    def get_urls(self):
        sheet = self.admin_site.admin_view(self.sign_in_sheet)
        return [path("<int:session_id>/aanwezigheidslijst.pdf", sheet, name="trainings_session_sheet"), *super().get_urls()]

    def sign_in_sheet(self, request, session_id: int):
        session = get_object_or_404(self.get_queryset(request), pk=session_id)
        registrations = session.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
        pdf = render_pdf("trainings/sign_in_sheet.html", {"session": session, "registrations": registrations})
        return pdf_response(pdf, f"aanwezigheidslijst-{session.date.isoformat()}.pdf")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        links = {
            "sheet_url": reverse("admin:trainings_session_sheet", args=[object_id]),
            "add_registration_url": f"{reverse('admin:trainings_registration_add')}?session={object_id}",
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **links})


@admin.register(Registration)
class RegistrationAdmin(
    LargeTableAdmin, BoundedRelationFields, GuardsAgainstLostUpdates, WritesThroughService, SimpleHistoryAdmin
):
    """New registrations go through the rules (capacity and waiting list, deadline, duplicates); the status
    follows from them and from cancellations, and attendance is marked after the session."""

    actions = ["cancel", "mark_attended", "mark_absent"]
    list_display = ["name", "organisation_name", "session", "status", "attended"]
    list_filter = ["status", "attended"]
    search_fields = ["name", "organisation_name", "participant_email"]
    list_select_related = ["session", "session__organiser"]
    autocomplete_fields = ["session", "organisation"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["session", "name", "function", "participant_email", "organisation", "organisation_name"]
        return [
            "session",
            "name",
            "function",
            "participant_email",
            "organisation_name",
            "status",
            "attended",
            "registered_by",
            "registered_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["session", "name", "organisation_name", "status", "attended", "registered_by", "registered_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def check_rules(self, request, obj):
        if obj.pk is None:
            services.check_registration(
                session=obj.session,
                name=obj.name,
                organisation=obj.organisation,
                organisation_name=obj.organisation_name,
                participant_email=obj.participant_email,
                registered_by=request.user,
            )

    def store(self, request, obj):
        if obj.pk is not None:
            obj.participant_email = services.participant_address(obj.participant_email)
            obj.save(update_fields=["function", "participant_email"])
            return obj
        registration = services.register(
            session=obj.session,
            name=obj.name,
            function=obj.function,
            organisation=obj.organisation,
            organisation_name=obj.organisation_name,
            participant_email=obj.participant_email,
            registered_by=request.user,
        )
        obj.pk, obj.status = registration.pk, registration.status
        return registration

    def response_add(self, request, obj, post_url_continue=None):
        if obj.status == Registration.Status.WAITING:
            self.message_user(request, _("De sessie is volzet: %(name)s staat op de wachtlijst.") % {"name": obj.name})
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Geselecteerde inschrijvingen annuleren (de wachtlijst schuift door)"))
    def cancel(self, request, queryset):
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            services.cancel_registration(registration=registration, by=request.user)
        self.message_user(request, _("Inschrijvingen geannuleerd."))

    @admin.action(description=_("Als aanwezig markeren"))
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, attended=True)

    @admin.action(description=_("Als afwezig markeren"))
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, attended=False)

    def _mark(self, request, queryset, *, attended: bool):
        """Per session, the selected people join or leave the set of those who came."""
        for session in TrainingSession.objects.filter(registrations__in=queryset).distinct():
            came = set(session.registrations.filter(attended=True).values_list("pk", flat=True))
            selected = set(queryset.filter(session=session).values_list("pk", flat=True))
            try:
                services.mark_attendance(
                    session=session, attended_ids=came | selected if attended else came - selected, by=request.user
                )
            except ValidationError as error:
                self.message_user(request, f"{session}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("Aanwezigheid bewaard voor %(session)s.") % {"session": session})
