"""The JSON of every report figure, the same as `manage.py report NAME --format json`."""

from datetime import date

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from reports.access import can_view_reports
from reports.figures import FIGURES, Params, compute


class CanViewReports(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_view_reports(request.user)


class ReportQuery(serializers.Serializer):
    on = serializers.DateField(required=False)
    start_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema(
    parameters=[
        OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FIGURES), description="Het cijfer"),
        OpenApiParameter("on", OpenApiTypes.DATE, description="Peildatum"),
        OpenApiParameter("start_year", OpenApiTypes.INT),
        OpenApiParameter("end_year", OpenApiTypes.INT),
    ],
    responses={200: {"type": "array", "items": {"type": "object"}, "description": "De rijen van het cijfer"}},
)
@api_view(["GET"])
@permission_classes([CanViewReports])
def report(request, name: str):
    if name not in FIGURES:
        raise Http404
    query = ReportQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    on = query.validated_data.get("on") or date.today()
    end_year = query.validated_data.get("end_year") or on.year
    start_year = min(query.validated_data.get("start_year") or end_year, end_year)
    return Response(compute(name, Params(on=on, start_year=start_year, end_year=end_year)).as_json())
