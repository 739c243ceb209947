"""A changelist filter on a relation that is typed, not picked from a list: Django's related filter lists
every organisation (hundreds, the same name for each period of a merged municipality), this one asks the
admin's own autocomplete. The relation's admin needs `search_fields`, as for `autocomplete_fields`."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR

from core.admin_widgets import BoundedAutocompleteSelect


class AutocompleteFilter(admin.FieldListFilter):
    template = "admin/autocomplete_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.parameter = f"{field_path}__{field.target_field.name}__exact"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.value = self.used_parameters.get(self.parameter)
        self.widget = field.formfield(widget=BoundedAutocompleteSelect(field, model_admin.admin_site)).widget

    def expected_parameters(self):
        return [self.parameter]

    def has_output(self):
        return True

    def choices(self, changelist):
        value = self.value[-1] if isinstance(self.value, list) else self.value
        kept = [
            (name, item) for name, items in changelist.params.items() if name not in {self.parameter, PAGE_VAR} for item in items
        ]
        yield {
            "select": self.widget.render(self.parameter, value, attrs={"id": f"filter-{self.parameter}"}),
            "kept": kept,
            "clear": changelist.get_query_string(remove=[self.parameter]) if value else None,
        }


def autocomplete_filter_media(model_admin, field_name: str) -> forms.Media:
    """The scripts the filter needs on the changelist: the autocomplete widget's, and one that filters on a choice."""
    widget = BoundedAutocompleteSelect(model_admin.model._meta.get_field(field_name), model_admin.admin_site)
    return widget.media + forms.Media(js=["js/autocomplete_filter.js"])
