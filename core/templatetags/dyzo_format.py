"""Number formats for the UI: amounts with grouping in the active language (1.234,56 in Dutch)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value):
    """`1234.5` → `€ 1.234,50`; empty stays empty."""
    if value is None or value == "":
        return ""
    return f"€ {amount(value)}"


@register.filter
def amount(value):
    """`470000` → `470.000,00`: for a column whose heading already says EUR; empty stays empty."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=2, force_grouping=True)


@register.filter
def grouped(value):
    """Whole numbers with thousands grouping: `523248` → `523.248`."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=0, force_grouping=True)
