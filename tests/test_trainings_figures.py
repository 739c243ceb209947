"""The training figures: module ranking, attendance, query counts, and the sign-in sheet."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory, TrainingSessionFactory
from tests.helpers import pdf_text
from trainings import selectors
from trainings.models import Module

pytestmark = pytest.mark.django_db

START = datetime.date(2014, 1, 1)


def modules(*names):
    return [Module.objects.get(name=name) for name in names]


def test_the_module_ranking_orders_by_sessions_then_participants():
    bankruptcy, security = modules("Faillissementswetgeving", "Sociale zekerheid zelfstandigen")
    for participants in (10, 12):
        TrainingSessionFactory(date=datetime.date(2020, 5, 1), historic_participants=participants).modules.add(bankruptcy)
    TrainingSessionFactory(date=datetime.date(2020, 6, 1), historic_participants=50).modules.add(security)
    TrainingSessionFactory(date=datetime.date(2019, 6, 1), historic_participants=90).modules.add(security)

    ranking = selectors.module_ranking(year=2020)

    assert ranking == [
        {"name": "Faillissementswetgeving", "sessions": 2, "participants": 22},
        {"name": "Sociale zekerheid zelfstandigen", "sessions": 1, "participants": 50},
    ]


def many_sessions(count):
    all_modules = list(Module.objects.all())
    for index in range(count):
        session = TrainingSessionFactory(date=datetime.date(2020, 1 + index % 12, 1 + index % 28), historic_participants=index)
        session.modules.add(all_modules[index % len(all_modules)])
        RegistrationFactory(session=session, attended=index % 2 == 0)


@pytest.mark.parametrize("count", [1, 60])
def test_every_figure_takes_a_constant_number_of_queries(count, django_assert_max_num_queries):
    many_sessions(count)

    with django_assert_max_num_queries(5):
        selectors.period_total(start=START, end=datetime.date(2030, 12, 31))
        list(selectors.sessions_of_period(start=START, end=datetime.date(2030, 12, 31)))
        selectors.module_ranking(year=2020)


def test_the_sign_in_sheet_lists_the_registered_people(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 3, 15), target_group="Medewerkers sociaal huis")
    RegistrationFactory(session=session, name="Annelies Van Damme")

    response = coordinator_client.get(reverse("admin:trainings_session_sheet", args=[session.pk]))

    text = pdf_text(response.content)
    assert "Aanwezigheidslijst" in text and "Annelies Van Damme" in text and "15/03/2030" in text
