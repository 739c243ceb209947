"""The switch to hashed tokens keeps the clients that held a DRF token working, and leaves no clear
token behind: migration core.0003 hashes each one into knox and drops DRF's table."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

migration = importlib.import_module("core.migrations.0003_hashed_api_tokens")
OLD_TOKEN = "ce899b151e16a99b778f0d3954561b1b6d71c655"


def test_an_old_drf_token_keeps_working_and_its_clear_table_is_gone(coordinator):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, user_id bigint)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, CURRENT_TIMESTAMP, %s)", [OLD_TOKEN, coordinator.pk])
    schema_editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))

    migration.hash_clear_tokens(apps, schema_editor)

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {OLD_TOKEN}")
    assert api.get("/api/v1/outreach/").status_code == 200
    assert "authtoken_token" not in connection.introspection.table_names()
