from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The partner portal: what an OCMW or gemeente sees of its own organisation."""

    name = "portal"
    verbose_name = _("Partnerportaal")
