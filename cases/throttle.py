"""A small per-client rate limit on the shared cache, for forms anyone can post."""

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(*, request, scope: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count this request; False once the client made more than `limit` in the window."""
    key = f"throttle:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
