"""The admin writes through the service that owns a record's rules, as every other door does."""

from django.core.exceptions import ValidationError
from django.db import models

from core.forms import show_errors


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
