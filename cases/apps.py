from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("Dossiers")

    def ready(self):
        from cases import (
            daily,  # noqa: F401  (puts the retention anonymisation in the day's schedule)
            notifications,  # noqa: F401  (registers the kinds of e-mail about cases)
        )
        from cases.privacy import reapply_retention_after_restore
        from core.backup import restored

        restored.connect(reapply_retention_after_restore, dispatch_uid="cases.reapply_retention_after_restore")
