"""The demo command is for development only: with DEBUG off it refuses, so no demo superuser with
a public password ever appears on a server, and its --reset wipes nothing without a yes (issue 14, item 7)."""

import builtins

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from partnerships.models import Agreement
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_with_debug_off_the_demo_refuses_and_creates_no_superuser(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen geladen met DEBUG aan"):
        call_command("load_demo_data", verbosity=0)

    assert not get_user_model().objects.filter(email="dyzo@dyzo.be").exists()


def test_a_reset_answered_with_no_wipes_nothing(settings, monkeypatch):
    settings.DEBUG = True
    agreement = AgreementFactory()
    monkeypatch.setattr(builtins, "input", lambda question: "nee")

    with pytest.raises(CommandError, match="er is niets gewist"):
        call_command("load_demo_data", "--reset", verbosity=0)

    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_reset_asks_before_it_wipes(settings, monkeypatch):
    settings.DEBUG = True
    questions = []
    monkeypatch.setattr(builtins, "input", lambda question: questions.append(question) or "")

    with pytest.raises(CommandError):
        call_command("load_demo_data", "--reset", verbosity=0)

    assert "dossiers en ondernemers worden gewist" in questions[0]
