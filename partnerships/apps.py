from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partnerships"
    verbose_name = _("Samenwerking")

    def ready(self):
        from partnerships import notifications  # noqa: F401  (registers the kinds of e-mail about partnerships)
