from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DyzoPortalConfig(AppConfig):
    """Shared plumbing: cross-app commands (demo data), template tags, the data generation of cached pages."""

    name = "dyzo_portal"
    verbose_name = "Dyzo"

    def ready(self):
        from dyzo_portal import security  # noqa: F401  (connects the sign-in log)
        from dyzo_portal.freshness import connect_signals
        from dyzo_portal.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="dyzo_portal.sync_role_groups")
        connect_signals()
