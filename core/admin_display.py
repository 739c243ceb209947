"""Admin columns for money: `470.000,00` as the portal shows amounts, where Django's admin would show `470000,00`.

Django groups thousands only with USE_THOUSAND_SEPARATOR, which would also group years and ids in every template.
"""

from collections.abc import Callable

from django.contrib import admin
from django.db import models

from core.templatetags.dyzo_format import amount


def amount_column(model: type[models.Model], field_name: str) -> Callable:
    """A display method for `list_display` or `readonly_fields`, headed and sorted as the model's field."""
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.DecimalField), f"{field_name} is not an amount of {model.__name__}"

    @admin.display(description=field.verbose_name, ordering=field_name)
    def display(model_admin, obj) -> str | None:
        value = getattr(obj, field_name)
        return None if value is None else amount(value)

    return display
