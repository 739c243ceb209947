"""The two shipped question sets, answered on the seeds' reference dates, give every number of seeds 001 and 002."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def answer_json(slug: str, on: str, capsysbinary) -> dict:
    call_command("report", "parliamentary-answer", "--set", slug, "--on", on, "--format", "json")
    return json.loads(capsysbinary.readouterr().out)


def question(answer: dict, number: int) -> dict:
    return next(question for question in answer["questions"] if question["number"] == number)


def rows(answer: dict, number: int, name: str) -> list[dict]:
    return next(figure["rows"] for figure in question(answer, number)["figures"] if figure["name"] == name)


@pytest.fixture
def seed_001(capsysbinary) -> dict:
    return answer_json("samenwerking", "2018-12-31", capsysbinary)


@pytest.fixture
def seed_002(capsysbinary) -> dict:
    return answer_json("ocmw-opleidingen", "2016-12-31", capsysbinary)


@pytest.fixture
def seed_002_page(policy_client) -> str:
    return policy_client.get(reverse("reports:answer", args=["ocmw-opleidingen"]), {"op": "2016-12-31"}).text


def test_seed_001_cooperation_149_is_111_plus_35_plus_3(seed_001):
    total = rows(seed_001, 1, "cooperation-by-province")[-1]

    assert (total["total"], total["agreement"], total["per_case"], total["remote_advice"]) == (149, 111, 35, 3)
    assert question(seed_001, 1)["sentences"][0] == (
        "Op 31/12/2018 werken 149 Vlaamse gemeenten samen met Dyzo: 111 met een overeenkomst, "
        "35 met betaling per case en 3 telefonisch of per mail."
    )


def test_seed_001_agreements_7_with_the_gemeente_104_with_the_ocmw_0_with_both(seed_001):
    total = rows(seed_001, 1, "agreement-parties")[-1]

    assert (total["gemeente"], total["ocmw"], total["both"], total["total"]) == (7, 104, 0, 111)
    assert "in 7 met de gemeente, in 104 met het OCMW en in 0 met beide" in question(seed_001, 1)["sentences"][1]


def test_seed_001_159_municipalities_do_not_cooperate(seed_001):
    assert rows(seed_001, 2, "non-cooperating-by-province")[-1]["total"] == 159
    assert question(seed_001, 2)["sentences"] == ["Op 31/12/2018 werken 159 Vlaamse gemeenten niet samen met Dyzo."]


def test_seed_001_names_the_top_3_decline_reasons_in_their_own_case(seed_001):
    assert question(seed_001, 3)["sentences"] == [
        "De 3 meest gehoorde redenen zijn: 1) De jaarlijkse kostprijs wordt als te hoog ervaren; "
        "2) Er kloppen geen zelfstandigen in moeilijkheden aan bij het OCMW; 3) Ze kunnen die doelgroep zelf verder helpen."
    ]


def test_seed_002_89_agreements_25_with_zitdag_and_their_list(seed_002):
    agreements = rows(seed_002, 1, "agreements-list")

    assert len(agreements) == 89 and sum(row["agreement"] == "overeenkomst_met_zitdag" for row in agreements) == 25
    assert agreements[0]["municipality"] == "Aalter" and agreements[-1]["municipality"] == "Zwevegem"
    assert (
        "Op 31/12/2016 heeft Dyzo met 89 lokale besturen een globaal samenwerkingsakkoord, waarvan 25 met zitdag."
        in (question(seed_002, 1)["sentences"])
    )


SEED_002_FIRST_PER_CASE = (
    "Antwerpen, Beerse, Buggenhout, Denderleeuw, Erpe-Mere, Grimbergen, Herentals, Herzele, Kraainem, Lanaken, "
    "Linkebeek, Merksplas, Rijkevorsel, Rumst, Sint-Pieters-Leeuw, Tielt, Wichelen en Zottegem"
)


def test_seed_002_names_the_18_ocmws_first_per_case_in_2016(seed_002):
    assert question(seed_002, 1)["period"] == {"from": "2016-01-01", "to": "2016-12-31"}
    assert question(seed_002, 1)["sentences"][0] == (
        f"In 2016 deden 18 OCMW's voor het eerst een beroep op Dyzo via een vergoeding per dossier: {SEED_002_FIRST_PER_CASE}."
    )


def test_seed_002_notes_that_the_source_says_19_where_it_names_18(seed_002_page):
    assert "spreekt van 19 OCMW&#x27;s die in 2016 voor het eerst per dossier een beroep deden op Dyzo, maar noemt er 18" in (
        seed_002_page
    )


def test_seed_002_43_trainings_with_863_participants_265_300_298_per_year(seed_002):
    trainings = rows(seed_002, 2, "trainings")

    assert len(trainings) - 1 == 43 and trainings[-1]["participants"] == 863
    assert question(seed_002, 2)["sentences"] == [
        "In 2014–2016 gaf Dyzo 43 opleidingen voor in totaal 863 deelnemers: 265 in 2014, 300 in 2015 en 298 in 2016."
    ]


def test_seed_002_lists_the_four_modules(seed_002):
    assert question(seed_002, 3)["sentences"][-1] == (
        "De volgende 4 modules worden vaak opgenomen in een opleiding: Algemene introductie over hulp aan ondernemers "
        "in nood, Sociale zekerheid zelfstandigen, Faillissementswetgeving en Hoe doe je een vermogensonderzoek bij "
        "zelfstandigen."
    )


def test_seed_002_says_modules_were_not_recorded_per_session_then(seed_002):
    assert question(seed_002, 3)["sentences"][0].startswith(
        "Opleidingsmodules in volgorde van belangrijkheid: niet geregistreerd vóór "
    )
    assert [figure["name"] for figure in question(seed_002, 3)["figures"]] == ["modules"]


def test_seed_002_says_referrals_were_not_recorded_instead_of_a_synthetic_count(seed_002):
    referrals = question(seed_002, 4)

    assert referrals["figures"] == []
    assert re.fullmatch(
        r"Doorverwijzingen naar het OCMW: niet geregistreerd vóór \d\d/01/2017, dus niet beschikbaar voor 2014–2016\.",
        referrals["sentences"][0],
    )


def test_seed_002_subsidies_470_000_470_000_and_525_000(seed_002):
    assert [(row["year"], row["amount"]) for row in rows(seed_002, 5, "funding")] == [
        (2015, 470000.0),
        (2016, 470000.0),
        (2017, 525000.0),
    ]
    assert question(seed_002, 5)["sentences"] == [
        "Dyzo ontving 470.000 euro in 2015, 470.000 euro in 2016 en 525.000 euro in 2017."
    ]


def test_the_2016_answer_page_gives_no_number_the_seed_does_not(seed_002_page):
    assert "23 OCMW" not in seed_002_page and "dossiers doorverwezen" not in seed_002_page
    assert "synthetische demogegevens" not in seed_002_page


def test_the_2018_answer_says_its_cooperation_figures_count_synthetic_demo_records(policy_client):
    page = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31"}).text

    assert "Samenwerking per provincie: telt synthetische demogegevens, geen echte records" in page


def test_a_later_referral_count_carries_the_synthetic_footnote(policy_client):
    page = policy_client.get(reverse("reports:answer", args=["ocmw-opleidingen"]), {"op": "2019-12-31"}).text

    assert re.search(r"In 2017–2019 werden \d+ dossiers doorverwezen naar het OCMW\.", page)
    assert "Doorverwijzingen naar het OCMW: telt synthetische demogegevens, geen echte records" in page


def test_the_answer_html_from_the_cli_has_the_seed_002_numbers(tmp_path):
    target = tmp_path / "antwoord.html"
    call_command(
        "report",
        "parliamentary-answer",
        "--set",
        "ocmw-opleidingen",
        "--on",
        "2016-12-31",
        "--format",
        "html",
        "--output",
        str(target),
    )

    text = target.read_text()
    assert "In 2016 deden 18 OCMW&#x27;s" in text and "470.000 euro in 2015" in text and "863 deelnemers" in text
