from django.db import models


class DataGeneration(models.Model):
    """One row whose number goes up after every committed change to the portal's records.

    Cached pages are keyed by it (`core.freshness`), so a change anywhere makes
    them stale at once, for every worker and machine, whatever the cache backend.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="data_generation_single_row")]

    def __str__(self):
        return str(self.value)
