"""The admin writes through the service that owns a record's rules, as every other door does."""

from typing import cast

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.forms import show_errors
from core.versioning import STALE_MESSAGE, Versioned, stored_version


class WritesThroughService:
    """A ModelAdmin mixin: the change form runs the service's checks, and saving calls the service.

    `check_rules` holds the rules that need other records or the person acting (a cap over
    several payments, a registration deadline); their errors appear on the form, in Dutch,
    like those of the model's own clean().
    """

    def store(self, request, obj: models.Model) -> models.Model:
        raise NotImplementedError("An admin that writes names the service that stores its records.")

    def check_rules(self, request, obj: models.Model) -> None:
        """Nothing beyond the model's own clean() unless the admin says otherwise."""

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        check_rules = self.check_rules

        class ServiceCheckedForm(form_class):
            def full_clean(self):
                super().full_clean()
                if self.is_bound and not self.errors:
                    try:
                        check_rules(request, self.instance)
                    except ValidationError as error:
                        show_errors(self, error)

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        self.store(request, obj)


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the person saw; a save based on an older one merges and asks again.

    Fields the other person changed and this person did not take the other's value; fields
    both changed keep what this person typed. Nothing typed is lost, nothing saved is lost.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or self.instance.pk is None:
            return
        seen = self.cleaned_data.get("seen_version")
        if seen is None or seen == stored_version(self.instance):
            return
        self._merge(seen=seen, current=type(self.instance)._default_manager.get(pk=self.instance.pk))

    def _merge(self, *, seen: int, current: Versioned) -> None:
        history = getattr(current, "history", None)
        original = history.filter(version=seen).first() if history is not None else None
        data = cast(QueryDict, self.data).copy()
        taken, both = [], []
        for name, field in self.fields.items():
            model_field = self._model_field(name)
            if model_field is None:
                continue
            now = model_field.value_from_object(current)
            if original is None:
                if field.has_changed(now, self[name].data):
                    both.append(model_field.verbose_name)
                continue
            before = getattr(original, model_field.attname)
            if before == now:
                continue
            if field.has_changed(before, self[name].data):
                both.append(model_field.verbose_name)
            else:
                data[name] = now
                taken.append(model_field.verbose_name)
        data["seen_version"] = str(current.version)
        self.data = data
        self.add_error(None, STALE_MESSAGE)
        if taken:
            self.add_error(
                None,
                _("Hun wijzigingen staan nu in het formulier: %(fields)s.") % {"fields": ", ".join(map(str, taken))},
            )
        if both:
            self.add_error(
                None,
                _("Uw waarde staat in het formulier, maar is intussen ook door hen gewijzigd: %(fields)s.")
                % {"fields": ", ".join(map(str, both))},
            )
        self.add_error(None, _("Controleer het formulier en bewaar opnieuw."))

    def _model_field(self, name: str):
        try:
            field = self.instance._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return field if field.concrete and not field.many_to_many else None


class GuardsAgainstLostUpdates:
    """A ModelAdmin mixin for Versioned models: the change form refuses a save based on an old version."""

    form: type[forms.ModelForm] = VersionCheckedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "seen_version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *rest]


class RecordInline(admin.TabularInline):
    """Records the workflow writes itself: shown on their parent record, never edited by hand."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class WorkflowInline(RecordInline):
    """Records with rules of their own: shown on their parent record, written on their own page through their service."""

    show_change_link = True


class ReadOnlyAdmin:
    """A ModelAdmin mixin for records the portal writes itself (tokens made by their owner, PDFs made by a task):
    staff read them and may delete them, but neither add nor change one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LogAdmin(ReadOnlyAdmin):
    """A ModelAdmin mixin for a log: read only, and not even deleted, since it is the record of what happened."""

    def has_delete_permission(self, request, obj=None):
        return False
