"""The data-quality page says what the sources themselves get wrong, and which records are synthetic demo data."""

import re

import pytest
from django.urls import reverse

from reports.sources import SOURCE_NOTES
from tests.factories import AgreementFactory, CaseFactory, municipality

pytestmark = pytest.mark.django_db


def quality_page(client) -> str:
    return client.get(reverse("reports:quality")).text


def counts(page: str, label: str) -> tuple[int, int]:
    """The real and synthetic counts the page gives for a kind of record."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td class="number">(\d+)</td><td class="number">(\d+)</td>', page)
    assert match, label
    return int(match[1]), int(match[2])


def test_the_page_says_seed_002_names_18_ocmws_where_it_says_19(policy_client):
    page = quality_page(policy_client)

    assert "In 2016 besloten 19 OCMW’s voor de eerste keer" in page
    assert "De tekst spreekt van 19 OCMW&#x27;s maar noemt er 18." in page


def test_the_page_says_525_00_euro_means_525_000(policy_client):
    page = quality_page(policy_client)

    assert "Voor 2017 gaat het om 525.00 euro." in page and "bedoeld is 525.000 euro" in page


def test_the_page_sets_123_on_1_january_2017_against_89_and_23(policy_client):
    page = quality_page(policy_client)

    assert "123 lokale besturen (40% van het totaal) sloten al een akkoord af." in page
    assert "89 globale akkoorden en 23 per dossier maken 112 besturen, geen 123" in page


def test_each_source_note_names_its_document_and_what_the_portal_does(policy_client):
    page = quality_page(policy_client).replace("&#x27;", "'")

    assert [note.part for note in SOURCE_NOTES if f"{note.document}, {note.part}" not in page] == []
    assert [note.handling for note in SOURCE_NOTES if str(note.handling) not in page] == []


def test_the_page_counts_real_and_synthetic_records(policy_client):
    AgreementFactory(municipality=municipality("44021"))
    AgreementFactory(municipality=municipality("11002"), is_synthetic=True)
    CaseFactory(is_synthetic=True)

    page = quality_page(policy_client)

    assert counts(page, "Overeenkomsten") == (1, 1)
    assert counts(page, "Dossiers, met goedkeuringen en betalers") == (0, 1)


def test_the_source_notes_read_in_english_with_their_dutch_quotes(english_policy_client):
    page = quality_page(english_policy_client)

    assert "Irregularities in the sources" in page and "The text speaks of 19 OCMWs but names 18." in page
    assert "Voor 2017 gaat het om 525.00 euro." in page


@pytest.fixture
def english_policy_client(policy_client):
    policy_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return policy_client
