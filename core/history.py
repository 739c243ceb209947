"""django-simple-history, named in Dutch: its copies of a model are called "historical dossier" by default,
which the admin and the history pages show; ours are "versie van dossier" (or "version of case" in English)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class History(HistoricalRecords):
    """`HistoricalRecords` whose model is named through gettext after the model it copies."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy(_("versie van {model}"), model=model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy(_("versies van {model}"), model=model._meta.verbose_name_plural)
        return options
