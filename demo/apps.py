from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data of `make run` and its commands."""

    name = "demo"
    verbose_name = "Demo"
