"""The Flemish reference data: municipality periods since 2016, their mergers and populations."""

import csv
import datetime
import shutil
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import F

from partnerships.models import Municipality, Organisation, Population, Province
from partnerships.reference_data import ReferenceDataError, load_reference_data
from partnerships.selectors.municipalities import municipalities_for_nis, municipalities_on, population_on
from tests.factories import municipality

pytestmark = pytest.mark.django_db

LAST_DAY_BEFORE_2019 = datetime.date(2018, 12, 31)
MERGERS_2019 = datetime.date(2019, 1, 1)
MERGERS_2025 = datetime.date(2025, 1, 1)
PROVINCES = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")


def nis_codes(municipalities) -> list[str]:
    return sorted(m.nis_code for m in municipalities)


def record_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Province, Municipality, Municipality.descendants.through, Population, Organisation)
    }


def periods_of(nis_code: str) -> list[Municipality]:
    return list(Municipality.objects.filter(nis_code=nis_code).order_by(F("valid_from").asc(nulls_first=True)))


@pytest.fixture
def fixtures_copy(tmp_path):
    """A private copy of the fixtures that a test may break or edit."""
    shutil.copytree(settings.FIXTURES_DIR, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("maps"))
    return tmp_path


def rename_in_fixture(fixtures_dir, nis_code: str, name: str) -> None:
    path = fixtures_dir / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["nis_code"] == nis_code:
            row["name_nl"] = name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)


# How many municipalities Flanders had


@pytest.mark.parametrize(
    ("day", "per_province"),
    [
        (LAST_DAY_BEFORE_2019, (70, 44, 65, 65, 64)),
        (MERGERS_2019, (69, 42, 60, 65, 64)),
        (MERGERS_2025, (67, 38, 55, 63, 62)),
    ],
    ids=["308 until 2018", "300 from 2019", "285 from 2025"],
)
def test_the_municipalities_existing_on_a_day_per_province(day, per_province):
    counted = Counter(m.province.name_nl for m in municipalities_on(day).select_related("province"))

    assert counted == dict(zip(PROVINCES, per_province, strict=True))


def test_the_2016_list_is_the_2018_list():
    assert municipalities_on(datetime.date(2016, 1, 1)).count() == 308


def test_every_municipality_period_has_a_gemeente_and_an_ocmw():
    kinds = Counter(Organisation.objects.values_list("municipality", "kind"))

    assert len(kinds) == 2 * Municipality.objects.count()
    assert set(kinds.values()) == {1}


def test_organisations_are_named_after_their_municipality():
    names = set(municipality("44083").organisations.values_list("name", flat=True))

    assert names == {"Gemeente Deinze", "OCMW Deinze"}


# Loading is idempotent


def test_loading_again_changes_nothing():
    before = record_counts()

    counts = load_reference_data()

    assert record_counts() == before
    assert set(counts.values()) == {0}


def test_loading_again_keeps_the_contact_data_staff_entered():
    organisation = municipality("44021").organisations.get(kind=Organisation.Kind.OCMW)
    organisation.email = "sociale.dienst@gent.example"
    organisation.name = "OCMW Gent (Sociaal Huis)"
    organisation.save()

    load_reference_data()

    organisation.refresh_from_db()
    assert (organisation.email, organisation.name) == ("sociale.dienst@gent.example", "OCMW Gent (Sociaal Huis)")


def test_a_changed_name_in_the_fixtures_is_updated_and_followed_by_default_organisation_names(fixtures_copy):
    custom = municipality("46030").organisations.get(kind=Organisation.Kind.OCMW)
    custom.name = "Sociaal Huis BKZ"
    custom.save()
    rename_in_fixture(fixtures_copy, "46030", "Beveren-Kruibeke-Zwijndrecht (definitief)")

    counts = load_reference_data(fixtures_dir=fixtures_copy)

    bkz = municipality("46030")
    assert bkz.name_nl == "Beveren-Kruibeke-Zwijndrecht (definitief)"
    assert set(bkz.organisations.values_list("name", flat=True)) == {
        "Gemeente Beveren-Kruibeke-Zwijndrecht (definitief)",
        "Sociaal Huis BKZ",
    }
    assert (counts["municipalities_updated"], counts["organisations_renamed"]) == (1, 1)


def test_the_command_prints_a_one_line_summary_in_dutch():
    output = StringIO()

    call_command("load_reference_data", stdout=output)

    assert output.getvalue().startswith("Referentiegegevens geladen: 0 records nieuw")
    assert output.getvalue().count("\n") == 1


def test_the_command_is_silent_at_verbosity_0():
    output = StringIO()

    call_command("load_reference_data", verbosity=0, stdout=output)

    assert output.getvalue() == ""


# Broken fixtures


def test_a_missing_fixture_file_is_reported_in_dutch_and_nothing_is_written(fixtures_copy):
    rename_in_fixture(fixtures_copy, "44021", "Gent (gewijzigd)")
    (fixtures_copy / "populations.csv").unlink()

    with pytest.raises(ReferenceDataError, match=r"populations\.csv ontbreekt"):
        load_reference_data(fixtures_dir=fixtures_copy)

    assert municipality("44021").name_nl == "Gent"


def test_the_command_reports_a_missing_fixture_file_as_a_command_error(fixtures_copy):
    (fixtures_copy / "provinces.csv").unlink()

    with pytest.raises(CommandError, match="ontbreekt"):
        call_command("load_reference_data", fixtures_dir=fixtures_copy, verbosity=0)


def test_a_malformed_row_is_reported_with_its_line_number(fixtures_copy):
    path = fixtures_copy / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "1100X" + lines[2][5:]
    path.write_text("".join(lines), encoding="utf-8")

    expected = r"Regel 3 van .*municipalities\.csv is ongeldig: '1100X' is geen NIS-code"
    with pytest.raises(ReferenceDataError, match=expected):
        load_reference_data(fixtures_dir=fixtures_copy)


def test_a_missing_column_is_reported(fixtures_copy):
    path = fixtures_copy / "populations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("inhabitants", "inwoners", 1), encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="ontbreken de kolommen inhabitants"):
        load_reference_data(fixtures_dir=fixtures_copy)


# Mergers


def test_a_municipality_merged_in_2019_ends_the_day_before_and_names_its_successor():
    nevele = municipality("44049")

    assert (nevele.valid_from, nevele.valid_to) == (None, LAST_DAY_BEFORE_2019)
    assert (nevele.successor.nis_code, nevele.successor.valid_from) == ("44083", MERGERS_2019)


def test_nevele_descends_into_itself_and_deinze():
    nevele = municipality("44049")

    assert nis_codes(nevele.descendants.all()) == ["44049", "44083"]


def test_zwijndrecht_descends_into_itself_and_beveren_kruibeke_zwijndrecht():
    zwijndrecht = municipality("11056")

    assert nis_codes(zwijndrecht.descendants.all()) == ["11056", "46030"]


def test_zwijndrecht_moves_from_antwerpen_to_oost_vlaanderen_in_2025():
    (merged,) = municipalities_for_nis("11056", on=MERGERS_2025)

    assert (merged.nis_code, merged.province.name_nl) == ("46030", "Oost-Vlaanderen")
    assert municipality("11056").province.name_nl == "Antwerpen"


def test_antwerpen_keeps_its_code_in_two_periods():
    old, new = periods_of("11002")

    assert (old.valid_from, old.valid_to, old.successor) == (None, datetime.date(2024, 12, 31), new)
    assert (new.valid_from, new.valid_to) == (MERGERS_2025, None)
    assert set(old.descendants.all()) == {old, new}
    assert nis_codes(new.predecessors.all()) == ["11002", "11007"]


def test_a_municipality_that_never_merged_has_one_open_period():
    gent = Municipality.objects.get(nis_code="44021")

    assert (gent.valid_from, gent.valid_to, gent.successor) == (None, None, None)
    assert list(gent.descendants.all()) == [gent]


# Finding the municipality a NIS code meant on a day


def test_an_old_code_on_a_later_date_gives_its_successor():
    assert nis_codes(municipalities_for_nis("44049", on=datetime.date(2020, 6, 30))) == ["44083"]


def test_a_code_on_a_date_in_its_own_period_gives_itself():
    assert nis_codes(municipalities_for_nis("44049", on=datetime.date(2017, 1, 1))) == ["44049"]


def test_a_newer_code_on_an_older_date_gives_its_predecessors():
    assert nis_codes(municipalities_for_nis("44083", on=datetime.date(2017, 1, 1))) == ["44011", "44049"]


def test_a_2025_code_on_a_date_before_2025_gives_its_predecessors_across_provinces():
    assert nis_codes(municipalities_for_nis("46030", on=datetime.date(2020, 1, 1))) == ["11056", "46003", "46013"]


def test_a_kept_code_gives_the_period_of_that_date_only():
    old, new = periods_of("11002")

    assert list(municipalities_for_nis("11002", on=datetime.date(2020, 1, 1))) == [old]
    assert list(municipalities_for_nis("11002", on=MERGERS_2025)) == [new]


def test_an_absorbed_code_gives_the_municipality_that_kept_its_code():
    (antwerpen,) = municipalities_for_nis("11007", on=MERGERS_2025)

    assert (antwerpen.nis_code, antwerpen.valid_from) == ("11002", MERGERS_2025)


def test_an_unknown_code_gives_nothing():
    assert not municipalities_for_nis("99999", on=MERGERS_2025).exists()


def test_finding_the_municipalities_of_a_code_takes_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        list(municipalities_for_nis("44083", on=datetime.date(2017, 1, 1)))


# Population on a day


def test_a_municipality_that_never_merged_has_the_counts_of_2018_to_2020():
    years = municipality("44021").populations.values_list("year", flat=True)

    assert sorted(years) == [2018, 2019, 2020]


def test_the_population_of_the_day_s_year():
    assert population_on(municipality=municipality("11001"), on=datetime.date(2018, 6, 1)).inhabitants == 14304


def test_after_the_last_count_the_latest_population_is_used():
    assert population_on(municipality=municipality("11001"), on=datetime.date(2024, 6, 1)).year == 2020


def test_before_the_first_count_the_earliest_population_is_used():
    assert population_on(municipality=municipality("11001"), on=datetime.date(2016, 1, 1)).inhabitants == 14304


def test_a_2025_merger_has_the_sum_of_its_predecessors_2020_population():
    merelbeke_melle = municipality("44088")

    population = merelbeke_melle.populations.get()
    assert (population.year, population.source) == (2020, "afgeleid: som van de voorgangers (2020)")
    predecessors_2020 = [
        population_on(municipality=predecessor, on=datetime.date(2020, 1, 1)).inhabitants
        for predecessor in merelbeke_melle.predecessors.all()
    ]
    assert population_on(municipality=merelbeke_melle, on=datetime.date(2025, 6, 1)).inhabitants == sum(predecessors_2020)


def test_a_municipality_without_counts_has_no_population():
    unknown = Municipality.objects.create(nis_code="99999", name_nl="Nergenshuizen", province=Province.objects.first())

    assert population_on(municipality=unknown, on=datetime.date(2020, 1, 1)) is None
