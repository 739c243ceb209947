"""The users in the admin: found by e-mail address or name, their roles given by groups; their API tokens and the
log of sent e-mails, read-only."""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from knox.models import AuthToken

from core.admin_writes import LogAdmin, ReadOnlyAdmin
from core.models import ApiToken, SentNotification, TaskFailure, User
from core.notifications import KINDS


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin on the e-mail address; without a password, the person chooses one
    through "Wachtwoord vergeten?" on the sign-in page."""

    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Belangrijke data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)


admin.site.unregister(AuthToken)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """API tokens as their hashes: who holds one and until when. Only superusers have the permissions
    (`core.roles`), to revoke someone's token; tokens are made by their owner on /account/api-sleutels/."""

    list_display = ("owner", "token_key_start", "made_on", "expires_on")
    search_fields = ("user__email",)
    ordering = ("-created",)
    readonly_fields = ("owner", "token_key_start", "made_on", "expires_on")
    fields = readonly_fields
    list_select_related = ("user",)

    @admin.display(description=_("persoon"), ordering="user__email")
    def owner(self, token):
        return token.user

    @admin.display(description=_("begint met"))
    def token_key_start(self, token):
        return f"{token.token_key[:8]}…"

    @admin.display(description=_("gemaakt op"), ordering="created")
    def made_on(self, token):
        return token.created

    @admin.display(description=_("vervalt op"), ordering="expiry")
    def expires_on(self, token):
        return token.expiry


class KindFilter(admin.SimpleListFilter):
    """The kinds by the names people choose them by on "Meldingen"."""

    title = _("soort melding")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return [(code, kind.label) for code, kind in sorted(KINDS.items(), key=lambda item: str(item[1].label))]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(SentNotification)
class SentNotificationAdmin(LogAdmin, admin.ModelAdmin):
    """The log of the e-mails the portal sent: what reached which address, when, about which record. Read-only:
    it is what keeps a message from being sent twice. Superusers, and staff given the view permission, read it."""

    list_display = ("sent_at", "kind_label", "email", "user", "about_link")
    list_filter = (KindFilter, ("sent_at", admin.DateFieldListFilter))
    search_fields = ("email",)
    date_hierarchy = "sent_at"
    list_select_related = ("user",)
    fields = ("sent_at", "kind_label", "email", "user", "about_link", "key")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("about")

    @admin.display(description=_("soort melding"), ordering="kind")
    def kind_label(self, sent):
        kind = KINDS.get(sent.kind)
        return kind.label if kind else sent.kind

    @admin.display(description=_("over"))
    def about_link(self, sent):
        """The record's own admin page; "–" when it was deleted since or the message was logged before the link was kept."""
        about = sent.about
        if about is None:
            return "–"
        label = f"{capfirst(about._meta.verbose_name)}: {about}"
        if not self.admin_site.is_registered(type(about)):
            return label
        return format_html('<a href="{}">{}</a>', reverse(admin_urlname(about._meta, "change"), args=[about.pk]), label)


# The database queue's own rows (English, and absent with Redis): staff read failures in TaskFailure instead.
admin.site.unregister(DBTaskResult)


@admin.register(TaskFailure)
class TaskFailureAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Background tasks that raised, whichever queue ran them (core.tasks): read-only, newest first."""

    list_display = ("failed_at", "task", "attempt", "final")
    list_filter = ("final", "task")
    readonly_fields = ("task", "arguments", "attempt", "final", "failed_at", "error")
    fields = readonly_fields
