from django.db import models


class DataGeneration(models.Model):
    """A number per app label that goes up after every committed change to that app's records.

    Cached pages are keyed by the generations of the apps they read (`core.freshness`), so a
    change makes them stale at once, for every worker and machine, whatever the cache backend,
    while pages that read other apps stay cached.
    """

    app_label = models.CharField(max_length=100, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.app_label}: {self.value}"
