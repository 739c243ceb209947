from django.apps import AppConfig


class DyzoPortalConfig(AppConfig):
    """Shared plumbing: cross-app commands (demo data), template tags."""

    name = "dyzo_portal"
    verbose_name = "Dyzo"

    def ready(self):
        from dyzo_portal import security  # noqa: F401  (connects the sign-in log)
