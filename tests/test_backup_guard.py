"""Backups hold everyone's data: they are private files, and a restore refuses what is not a
backup of this portal and asks before it replaces anything (issue 14, item 9). The restore
itself, with its safety copy, is drilled in test_backup_drill.py on scratch databases."""

import builtins
import io
import json
import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from partnerships.models import Agreement
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "dyzo.backup"

    call_command("backup", "--output", str(target), verbosity=0)

    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_file_that_is_no_backup_is_refused_in_dutch_and_changes_nothing(tmp_path, backup_dir):
    agreement = AgreementFactory()
    foreign = tmp_path / "notities.txt"
    foreign.write_text("geen back-up")

    with pytest.raises(CommandError, match="is geen back-up van het Dyzo-portaal"):
        call_command("restore", str(foreign), verbosity=0)

    assert Agreement.objects.filter(pk=agreement.pk).exists() and not backup_dir.exists()


def test_a_restore_answered_with_no_replaces_nothing(tmp_path, backup_dir, monkeypatch):
    backup = tmp_path / "dyzo.backup"
    call_command("backup", "--output", str(backup), verbosity=0)
    agreement = AgreementFactory()
    monkeypatch.setattr(builtins, "input", lambda question: "nee")

    with pytest.raises(CommandError, match="er is niets teruggezet"):
        call_command("restore", str(backup), verbosity=0)

    assert Agreement.objects.filter(pk=agreement.pk).exists() and not backup_dir.exists()


def manifest_of(backup) -> dict:
    with tarfile.open(backup) as archive:
        member = archive.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())


def test_a_backup_holds_the_database_and_the_media_files_and_says_so(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "rapporten").mkdir(parents=True)
    (settings.MEDIA_ROOT / "rapporten" / "dossier-7-v1.pdf").write_bytes(b"%PDF-1.7 rapport")
    target = tmp_path / "dyzo.backup"

    call_command("backup", "--output", str(target), verbosity=0)

    manifest = manifest_of(target)
    assert manifest["database"]["kind"] == connection.vendor
    assert manifest["media"] == {"folder": "media", "files": 1, "bytes": len(b"%PDF-1.7 rapport")}
    with tarfile.open(target) as archive:
        assert {"manifest.json", manifest["database"]["file"], "media/rapporten/dossier-7-v1.pdf"} == set(archive.getnames())


def test_a_backup_of_another_kind_of_database_is_refused_in_dutch(tmp_path, backup_dir):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    backup = tmp_path / "ander.backup"
    with tarfile.open(backup, "w:gz") as archive:
        text = json.dumps({"format": "dyzo-backup", "version": 1, "database": {"kind": other}}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(text)
        archive.addfile(info, io.BytesIO(text))

    with pytest.raises(CommandError, match="dit portaal draait op"):
        call_command("restore", "--yes", str(backup), verbosity=0)

    assert not backup_dir.exists()
