from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app uses: the data generations of cached pages, roles, sign-in security, shared helpers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Dyzo"

    def ready(self):
        from django.contrib import admin

        from core import (
            api_tokens,
            daily,  # noqa: F401  (puts the reminders and the token expiry in the day's schedule)
            security,  # noqa: F401  (connects the sign-in log)
        )
        from core.admin_index import order_by_task
        from core.freshness import connect_signals
        from core.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="core.sync_role_groups")
        connect_signals()
        api_tokens.connect_signals()
        order_by_task(admin.site)
