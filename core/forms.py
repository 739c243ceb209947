"""Showing a service's ValidationError on a form, whatever fields the form happens to have."""

from django import forms
from django.core.exceptions import ValidationError


def show_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Each message next to its field when the form has that field, otherwise at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
