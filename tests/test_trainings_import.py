"""import_trainings: all rows or none, with line-numbered Dutch errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from trainings.models import TrainingSession

pytestmark = pytest.mark.django_db

HEADER = "datum,inrichter,doelgroep,deelnemers,modules"


def run(tmp_path, *lines, args=()):
    path = tmp_path / "opleidingen.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_trainings", str(path), *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return False, stderr.getvalue() + str(error)
    return True, stdout.getvalue()


def test_a_good_file_is_imported_with_its_modules(tmp_path):
    ok, out = run(tmp_path, "13/01/2014,Dyzo,Maatschappelijk werkers,21,Sociale zekerheid zelfstandigen;Faillissementswetgeving")

    session = TrainingSession.objects.get()
    assert ok and "1 sessie(s) ingelezen." in out
    assert sorted(session.modules.values_list("name", flat=True)) == [
        "Faillissementswetgeving",
        "Sociale zekerheid zelfstandigen",
    ]
    assert session.historic_participants == 21


def test_an_organiser_that_names_an_organisation_is_linked_to_it(tmp_path):
    run(tmp_path, "2015-01-20,OCMW Gent,Medewerkers regionale OCMW's,20,")

    assert TrainingSession.objects.get().organiser.municipality.nis_code == "44021"


def test_another_organiser_is_kept_as_text(tmp_path):
    run(tmp_path, "2016-04-21,Leiedal vzw,Maatschappelijk werkers,30,")

    session = TrainingSession.objects.get()
    assert (session.organiser, session.organiser_name) == (None, "Leiedal vzw")


def test_every_bad_row_is_listed_and_nothing_is_written(tmp_path):
    ok, err = run(
        tmp_path,
        "2016-04-21,Dyzo,Maatschappelijk werkers,30,",
        "31/02/2016,Dyzo,Maatschappelijk werkers,30,",
        "2016-05-01,Dyzo,Maatschappelijk werkers,veel,Boekhouden",
    )

    assert not ok
    assert "regel 3: ongeldige datum '31/02/2016'" in err
    assert "regel 4: ongeldig aantal deelnemers 'veel'" in err
    assert "regel 4: onbekende module 'Boekhouden'" in err
    assert TrainingSession.objects.count() == 0


def test_a_missing_organiser_is_refused(tmp_path):
    _ok, err = run(tmp_path, "2016-04-21,,Maatschappelijk werkers,30,")

    assert "regel 2: de inrichter ontbreekt" in err


def test_a_dry_run_only_validates(tmp_path):
    ok, out = run(tmp_path, "2016-04-21,Dyzo,Maatschappelijk werkers,30,", args=["--dry-run"])

    assert ok and "1 sessie(s) kunnen ingelezen worden" in out and TrainingSession.objects.count() == 0
