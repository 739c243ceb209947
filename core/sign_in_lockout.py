"""The sign-in lockout counts failures twice: per user name from one address (AXES_FAILURE_LIMIT),
and per address across all user names (AXES_ADDRESS_FAILURE_LIMIT, higher, as colleagues behind
one office router share an address), so password spraying (a few tries for each of many user
names) is locked out too. The address is the client's behind the proxy (`core.client_address`).

django-axes compares one count with one limit, so the per-address count is scaled to it. A
successful sign-in clears that user name's failures only: a sprayer's own account must not wipe
the failures of the names they tried.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        per_user_name, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return max(per_user_name, per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        per_user_name = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_user_name.delete()
        return count
