"""A Dutch admin: every field of the project's models has a Dutch verbose name, given through gettext
(so it has an English msgstr), and every model a Dutch name (issue 16.5), simple_history's copies too."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from cases.models import Case
from tests import factories

PROJECT_APPS = {"core", "partnerships", "cases", "trainings", "reports"}
PROJECT_MODELS = [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]
MODELS = [model for model in PROJECT_MODELS if not model.__name__.startswith("Historical")]
HISTORY_MODELS = [model for model in PROJECT_MODELS if model.__name__.startswith("Historical")]  # simple_history's copies
FIELDS = [
    pytest.param(field, id=f"{model._meta.label}.{field.name}")
    for model in MODELS
    for field in model._meta.get_fields()
    if not field.auto_created and field.model._meta.app_label in PROJECT_APPS  # not a library model's, under a proxy
]


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_has_a_dutch_verbose_name_through_gettext(field):
    """An auto-generated name is a plain str made from the attribute (`created by`); a given one is lazy."""
    assert isinstance(field.verbose_name, Promise), f"{field.verbose_name!r} is made from the attribute name"


@pytest.mark.parametrize("model", MODELS, ids=[model._meta.label for model in MODELS])
def test_every_model_has_a_dutch_name_and_plural(model):
    given = model._meta.original_attrs

    assert isinstance(given.get("verbose_name"), Promise) and isinstance(given.get("verbose_name_plural"), Promise)


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=[model._meta.label for model in HISTORY_MODELS])
def test_every_history_model_is_named_in_dutch_after_its_model(model):
    with translation.override("nl-be"):
        names = (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
        original = model.instance_type._meta

        assert names == (f"versie van {original.verbose_name}", f"versies van {original.verbose_name_plural}")
        assert not any("historical" in name for name in names)


def test_a_history_model_is_named_in_english_for_an_english_reader():
    with translation.override("en"):
        assert str(Case.history.model._meta.verbose_name) == "version of case"


@pytest.mark.django_db
def test_a_records_history_page_reads_in_dutch(coordinator_client):
    """django-simple-history ships no Dutch: the project's Dutch catalogue gives its pages' words."""
    case = factories.CaseFactory()

    page = coordinator_client.get(reverse("admin:cases_case_history", args=[case.pk])).content.decode()

    assert "Gewijzigd door" in page and "Kies hieronder een datum" in page
    assert "Changed by" not in page and "Choose a date" not in page
