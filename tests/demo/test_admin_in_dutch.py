"""Every changelist and change form of the project's models, opened by a coordinator on the demo data,
heads its columns, fields and inlines in Dutch (issue 16.5)."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "partnerships", "cases", "trainings", "reports"}
ENGLISH_HEADINGS = {
    "pk",
    "id",
    "entrepreneur",
    "created by",
    "created at",
    "enterprise number display",
    "case",
    "session",
    "user",
    "organisation",
    "question set",
    "registered by",
    "changed by",
    "normalised name",
    "descendants",
    "trainingsession",
}
HEADING = re.compile(r"<th[^>]*>(.*?)</th>|<label[^>]*>(.*?)</label>|<h2[^>]*>(.*?)</h2>", re.S)


def headings(html: str) -> set[str]:
    texts = {unescape(re.sub(r"<[^>]+>", "", "".join(match))).strip().rstrip(":").strip() for match in HEADING.findall(html)}
    return {text.lower() for text in texts if text}


def admin_pages(user):
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label not in PROJECT_APPS or not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])


def test_no_changelist_or_change_form_heads_anything_in_english(coordinator, coordinator_client):
    english = {}
    paths = list(admin_pages(coordinator))
    assert {reverse("admin:cases_case_changelist"), reverse("admin:trainings_registration_changelist")} <= set(paths)
    for path in paths:
        response = coordinator_client.get(path)
        assert response.status_code == 200, path
        found = (headings(response.text) & ENGLISH_HEADINGS) | ({"object ("} if " object (" in response.text else set())
        if found:
            english[path] = sorted(found)

    assert english == {}
