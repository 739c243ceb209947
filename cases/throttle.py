"""A small per-client rate limit for forms anyone can post, counted in the database so that all
workers and servers see the same count (a per-process cache would give each worker its own limit)."""

import datetime

from django.utils import timezone

from cases.models import FormPost
from core.client_address import client_address


def allow(*, request, scope: str, limit: int, window_seconds: int = 3600) -> bool:
    """False once the client posted `limit` times in the window; only allowed posts are counted,
    so a flood adds no rows. Addresses are kept for one window only."""
    since = timezone.now() - datetime.timedelta(seconds=window_seconds)
    FormPost.objects.filter(scope=scope, at__lt=since).delete()
    address = client_address(request)
    if FormPost.objects.filter(scope=scope, address=address, at__gte=since).count() >= limit:
        return False
    FormPost.objects.create(scope=scope, address=address)
    return True
