"""The JSON of every report figure, the same as `manage.py report NAME --format json`."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from reports.access import can_view_reports
from reports.figures import FIGURES, Params, ParamsError, check_period
from reports.renderers import CONTENT_TYPES, render_report


class CanViewReports(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_view_reports(request.user)


@extend_schema(
    parameters=[
        OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FIGURES), description="Het cijfer"),
        OpenApiParameter("op", OpenApiTypes.DATE, description="Peildatum (standaard vandaag)"),
        OpenApiParameter("van", OpenApiTypes.INT, description="Van jaar (2000-2100)"),
        OpenApiParameter("tot", OpenApiTypes.INT, description="Tot en met jaar (2000-2100, standaard het jaar van de peildatum)"),
        OpenApiParameter("provincie", OpenApiTypes.STR, description="Alleen de rijen van deze provincie"),
    ],
    responses={
        200: {"type": "array", "items": {"type": "object"}, "description": "De rijen van het cijfer: codes en getallen"},
        400: {"type": "object", "properties": {"detail": {"type": "string"}}, "description": "Een onbruikbare parameter"},
    },
)
@api_view(["GET"])
@permission_classes([CanViewReports])
def report(request, name: str):
    if name not in FIGURES:
        raise Http404
    try:
        params = Params.from_query(request.query_params, today=timezone.localdate())
        check_period(name, params)
    except ParamsError as error:
        return Response({"detail": error.message, "parameter": error.field}, status=400)
    return HttpResponse(render_report(name, params, "json"), content_type=CONTENT_TYPES["json"])
