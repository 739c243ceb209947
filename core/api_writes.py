"""API writes go through the service that owns the record's rules, never straight to the model."""

from django.db import models
from rest_framework import status
from rest_framework.exceptions import APIException

from core.versioning import STALE_MESSAGE, stored_version


class WritesThroughService:
    """A viewset mixin: create and update build the instance and hand it to `store`.

    A Django ValidationError from the service becomes a 400 with its Dutch messages
    (core.api_errors.exception_handler).
    """

    def store(self, instance: models.Model) -> models.Model:
        raise NotImplementedError("A viewset that writes names the service that stores its records.")

    def perform_create(self, serializer):
        serializer.instance = self.store(serializer.Meta.model(**serializer.validated_data))

    def perform_update(self, serializer):
        for field, value in serializer.validated_data.items():
            setattr(serializer.instance, field, value)
        self.store(serializer.instance)


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = STALE_MESSAGE
    default_code = "stale"


class VersionedWrites(WritesThroughService):
    """For Versioned records: each answer about one record carries its version as an ETag, and a
    PATCH or PUT whose If-Match names another version is refused with 412 instead of overwriting."""

    def get_object(self):
        self.versioned_object = super().get_object()
        return self.versioned_object

    def perform_update(self, serializer):
        expected = self.request.headers.get("If-Match")
        if expected is not None and expected.removeprefix("W/").strip('"') != str(stored_version(serializer.instance)):
            raise PreconditionFailed
        super().perform_update(serializer)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        record = getattr(self, "versioned_object", None)
        if record is not None and status.is_success(response.status_code):
            response["ETag"] = f'"{record.version}"'
        return response
