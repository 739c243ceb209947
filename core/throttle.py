"""Rate limits for forms and actions, counted in the database so that all workers and servers see
the same count (a per-process cache would give each worker its own limit).

A request is counted against one or more keys (the client address, an e-mail address, a user):
it is allowed only while every key is under its limit, and only allowed requests are counted,
so a flood adds no rows. Rows are kept for one window only.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from core.client_address import client_address
from core.models import CountedRequest


def allow(*, scope: str, keys: list[tuple[str, int]], window_seconds: int = 3600) -> bool:
    """False once any (key, limit) pair has reached its limit in the window; otherwise count the request for each key."""
    since = timezone.now() - datetime.timedelta(seconds=window_seconds)
    with transaction.atomic():
        CountedRequest.objects.filter(scope=scope, at__lt=since).delete()
        for key, limit in keys:
            if CountedRequest.objects.filter(scope=scope, key=key, at__gte=since).count() >= limit:
                return False
        CountedRequest.objects.bulk_create([CountedRequest(scope=scope, key=key) for key, _limit in keys])
    return True


def allow_address(*, request, scope: str, limit: int, window_seconds: int = 3600) -> bool:
    """The limit per client address (`core.client_address`)."""
    return allow(scope=scope, keys=[(address_key(request), limit)], window_seconds=window_seconds)


def address_key(request) -> str:
    return client_address(request) or "-"
