from django.apps import AppConfig


class DyzoPortalConfig(AppConfig):
    """Shared plumbing: cross-app commands (demo data), template tags."""

    name = "dyzo_portal"
    verbose_name = "Dyzo"
