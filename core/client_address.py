"""The one rule for a request's client address, used by the sign-in lockout, the help-form limit
and the security log.

Behind N trusted proxies (TRUSTED_PROXY_COUNT) each proxy appends the address it saw to
X-Forwarded-For, so the Nth entry from the right is the address the outermost trusted proxy saw;
anything left of it was written by the client and may be forged. Without proxies the header is
ignored. A header that is too short or holds no valid IP address falls back to REMOTE_ADDR: one
shared address behind the proxy is safer than one a client chose.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    remote_address = request.META.get("REMOTE_ADDR") or None
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return remote_address
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxy_count:
        return remote_address
    candidate = forwarded[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_address
