"""English through Django's i18n: a person who chose English gets every page and message in English."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cases.kbo import validate_kbo
from tests.factories import municipality, sign_in

pytestmark = pytest.mark.django_db
CATALOGUE = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"
PROJECT_APPS = [app.name for app in apps.get_app_configs() if Path(app.path).parent == settings.BASE_DIR]
SOURCES = ["manage.py", "dyzo_portal", *PROJECT_APPS, "templates", "locale"]


@pytest.fixture
def english(client):
    """A visitor who chose English with the language switch."""
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def catalogue_entries(catalogue=CATALOGUE):
    """Each entry of the English .po as (flags, {"msgid": …, "msgstr": … or "msgstr[n]": …})."""
    for block in catalogue.read_text(encoding="utf-8").split("\n\n"):
        flags, fields, keyword = [], {}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith('"'):
                fields[keyword] += ast.literal_eval(line)
            elif line and not line.startswith("#"):
                keyword, _, value = line.partition(" ")
                fields[keyword] = ast.literal_eval(value)
        if fields:
            yield flags, fields


def test_the_login_page_is_in_english(english):
    text = english.get(reverse("login")).text

    assert "Sign in" in text and "Forgot your password?" in text and "Aanmelden" not in text


def test_the_partner_dashboard_is_in_english(english, partner_admin):
    sign_in(english, partner_admin)

    text = english.get(reverse("portal:dashboard")).text

    assert "Awaiting your decision" in text and "Sign out" in text and "Wacht op uw beslissing" not in text


def test_a_report_figure_is_in_english(english, policy_officer):
    sign_in(english, policy_officer)

    text = english.get(reverse("reports:figure", args=["cooperation-by-province"]), {"op": "2018-12-31"}).text

    assert "Cooperation by province" in text and "Grand total" in text and "Eindtotaal" not in text


def test_a_form_error_of_the_help_form_is_in_english(english):
    response = english.post(
        reverse("cases:help_request"),
        {
            "name": "Karel Maes",
            "email": "karel@example.org",
            "municipality": municipality("44021").pk,
            "description": "Mijn zaak loopt slecht.",
        },
    )

    assert "Without your consent we cannot deal with your question." in response.text


def test_the_enterprise_number_check_explains_itself_in_english():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_kbo("0123.456.748")

    assert "the last two digits (the check digits) do not match the first eight" in error.value.messages[0]


def translated(fields) -> bool:
    return all(value for keyword, value in fields.items() if keyword.startswith("msgstr"))


def test_every_message_has_an_english_translation():
    untranslated = [fields["msgid"] for _, fields in catalogue_entries() if fields["msgid"] and not translated(fields)]

    assert untranslated == []


def test_no_translation_is_fuzzy():
    fuzzy = [fields["msgid"] for flags, fields in catalogue_entries() if "fuzzy" in flags]

    assert fuzzy == []


def test_the_catalogue_holds_every_text_of_the_code(tmp_path):
    """makemessages, run over a copy of the sources, finds no Dutch text the catalogue lacks."""
    for name in SOURCES:
        copy = shutil.copytree if (settings.BASE_DIR / name).is_dir() else shutil.copy2
        copy(settings.BASE_DIR / name, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "-e", "html,txt,py", "--ignore=var"],
        cwd=tmp_path,
        env={**os.environ, "DEBUG": "1"},
        check=True,
        capture_output=True,
    )

    regenerated = catalogue_entries(tmp_path / CATALOGUE.relative_to(settings.BASE_DIR))
    assert [
        fields["msgid"] for flags, fields in regenerated if fields["msgid"] and ("fuzzy" in flags or not translated(fields))
    ] == []
