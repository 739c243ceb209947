"""DRF's clear-text tokens become django-rest-knox tokens: the same token string keeps working,
now stored as its hash and valid for API_TOKEN_DAYS; then the clear-text table is dropped."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS

CLEAR_TABLE = "authtoken_token"


def hash_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if CLEAR_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {CLEAR_TABLE}")
        rows = cursor.fetchall()
    token_model = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
    token_model.objects.bulk_create(
        [
            token_model(digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry)
            for key, user_id in rows
        ]
    )
    schema_editor.execute(f"DROP TABLE {CLEAR_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_counted_request"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(hash_clear_tokens, migrations.RunPython.noop)]
