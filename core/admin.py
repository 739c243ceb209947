"""The users in the admin: found by e-mail address or name, their roles given by groups; and their API tokens, read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from knox.models import AuthToken

from core.models import TaskFailure, User


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


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens as their hashes: who holds one and until when. Only superusers have the permissions
    (`core.roles`), to revoke someone's token; tokens are made by their owner on /account/api-sleutels/."""

    list_display = ("user", "token_key_start", "created", "expiry")
    search_fields = ("user__email",)
    ordering = ("-created",)
    readonly_fields = ("user", "token_key_start", "created", "expiry")
    fields = readonly_fields

    @admin.display(description=_("begint met"))
    def token_key_start(self, token):
        return f"{token.token_key[:8]}…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The database queue's own rows (English, and absent with Redis): staff read failures in TaskFailure instead.
admin.site.unregister(DBTaskResult)


@admin.register(TaskFailure)
class TaskFailureAdmin(admin.ModelAdmin):
    """Background tasks that raised, whichever queue ran them (core.tasks): read-only, newest first."""

    list_display = ("failed_at", "task", "attempt", "final")
    list_filter = ("final", "task")
    readonly_fields = ("task", "arguments", "attempt", "final", "failed_at", "error")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
