"""The errors the API answers, and their place in the OpenAPI schema so clients know every status code."""

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

ERROR_SCHEMA = {
    "type": "object",
    "description": 'DRF error: {"detail": "..."} or, for invalid input, the messages per field.',
}
ERRORS = {
    "400": "Ongeldige invoer (parameters of inhoud).",
    "403": "Niet aangemeld of geen toegang.",
    "404": "Niet gevonden, of buiten de eigen organisatie; ook een paginanummer buiten bereik.",
    "409": "Kan niet verwijderd worden: andere gegevens verwijzen ernaar.",
    "412": "Iemand anders heeft het record intussen gewijzigd: If-Match noemt een oudere versie (ETag).",
    "429": "Te veel verzoeken: Retry-After zegt na hoeveel seconden het weer kan (API_ANONYMOUS_RATE, API_USER_RATE).",
}


def exception_handler(exc, context):
    """DRF's handler, plus a 400 with the Dutch messages of a model's or service's ValidationError,
    a 409 for deleting a record that others still refer to (instead of a 500), and a Dutch 429."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response(
            {
                "detail": _("Dit record kan niet verwijderd worden: %(count)s andere gegevens verwijzen ernaar.")
                % {"count": len(exc.protected_objects)}
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Throttled):
        seconds = max(1, math.ceil(exc.wait or 1))
        return Response(
            {"detail": _("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.") % {"seconds": seconds}},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(seconds)},
        )
    return drf_exception_handler(exc, context)


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: add 400, 403, 404, 409, 412 and 429 where an operation can answer them."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
            codes = []
            if parameters or "requestBody" in operation:
                codes.append("400")
            if {} not in operation.get("security", [{}]):
                codes.append("403")
            if "{" in path or "page" in parameters:
                codes.append("404")
            if method == "delete":
                codes.append("409")
            if method in {"put", "patch"}:
                codes.append("412")
            codes.append("429")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": ERRORS[code],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
