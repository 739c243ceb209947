"""The API's rate limits (DRF throttling, rates in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): per
client address for anonymous requests, per user otherwise. The address is the one rule of
`core.client_address`, not DRF's own reading of X-Forwarded-For (NUM_PROXIES), so that the
lockout, the form limits and the API agree. Counts live in the "throttle" cache, which every
worker and server shares: Redis when CACHE_URL names it, otherwise a database table."""

from typing import cast

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.utils.connection import ConnectionProxy
from rest_framework import throttling
from rest_framework.settings import api_settings

from core.client_address import client_address


def current_rate(scope: str | None) -> str | None:
    """Read at each request, not once at import as DRF does, so the settings' rates always hold."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope) if scope else None
    return None if rate is None else str(rate)


# Counts where all workers see them, not in DRF's default (per-process) cache.
SHARED_COUNTS = cast(BaseCache, ConnectionProxy(caches, "throttle"))


class AnonymousRateThrottle(throttling.AnonRateThrottle):
    cache = SHARED_COUNTS

    def get_ident(self, request) -> str:
        return client_address(request) or "-"

    def get_rate(self) -> str | None:
        return current_rate(self.scope)


class UserRateThrottle(throttling.UserRateThrottle):
    cache = SHARED_COUNTS

    def get_ident(self, request) -> str:
        return client_address(request) or "-"

    def get_rate(self) -> str | None:
        return current_rate(self.scope)
