"""Admin relation fields that survive an id of 20 digits: SQLite raises OverflowError (a 500) for such an
id in an `__in` lookup, which Django's many-to-many fields and autocompletes both make."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1


def _could_be_an_id(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) <= LARGEST_ID


class _ShowsOnlyPossibleIds:
    """Django looks the submitted ids up again to show them; the form has already refused the others."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if _could_be_an_id(item)], attr)


class BoundedAutocompleteSelect(_ShowsOnlyPossibleIds, AutocompleteSelect):
    pass


class BoundedAutocompleteSelectMultiple(_ShowsOnlyPossibleIds, AutocompleteSelectMultiple):
    pass


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id that cannot be one with Django's own message, before looking the ids up."""

    def _check_values(self, value):
        if not self.to_field_name:
            for item in value:
                if not _could_be_an_id(item):
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item})
        return super()._check_values(value)


class BoundedRelationFields:
    """A ModelAdmin or inline mixin: its autocompletes and many-to-many fields use the classes above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BoundedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BoundedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
