"""API writes go through the service that owns the record's rules, never straight to the model."""

from django.db import models


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
