from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    """The database caches of the settings (the API's rate-limit counts when no CACHE_URL is set)."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_dutch_verbose_names")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
