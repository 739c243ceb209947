"""No lost update: a record carries a version, and a save based on an older version is refused.

Every save of an existing record raises its version. A door that shows a record (an admin
change form, an API answer) hands out the version it showed; a save that comes back with
another version than the one stored was based on data someone else has changed since.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _("Iemand anders heeft dit record intussen gewijzigd.")


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def stored_version(instance: Versioned) -> int | None:
    """The version in the database, with the row locked until the transaction ends, so that
    no other save slips in between this check and the save that follows it."""
    rows = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
    return rows.values_list("version", flat=True).first()


def ensure_current(instance: Versioned, *, seen_version: int) -> None:
    if stored_version(instance) not in (None, seen_version):
        raise ValidationError(STALE_MESSAGE, code="stale")
