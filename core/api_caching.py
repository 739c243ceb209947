from rest_framework.response import Response

from core.freshness import cached


class CachedListMixin:
    """A viewset's list answer cached per user, address and data generations: lists are what
    API clients poll, and a staff list counts tens of thousands of cases."""

    def list(self, request, *args, **kwargs):
        data = cached(
            request,
            "api-list",
            request.user.pk,
            request.build_absolute_uri(),
            compute=lambda: super(CachedListMixin, self).list(request, *args, **kwargs).data,
        )
        return Response(data)
