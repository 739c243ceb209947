"""An upload kept on the server between an import's preview and its confirmation.

The browser only carries a random key; the bytes stay in PENDING_UPLOAD_DIR (outside MEDIA_ROOT,
so never served nor backed up) under the uploader's id, so a key is worthless to anyone else.
A confirmed upload is removed, and every new upload sweeps away those older than MAX_AGE.
"""

import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.http import Http404

MAX_AGE_SECONDS = 60 * 60
KEY_BYTES = 32


def _user_dir(user) -> Path:
    return Path(settings.PENDING_UPLOAD_DIR) / str(user.pk)


def _key_dir(user, key: str) -> Path:
    if not key or not key.replace("-", "").replace("_", "").isalnum():
        raise Http404
    return _user_dir(user) / key


def keep(*, user, file_name: str, content: bytes) -> str:
    """Store the bytes for `user`; the key to hand back at confirmation."""
    sweep()
    key = secrets.token_urlsafe(KEY_BYTES)
    folder = _user_dir(user) / key
    folder.mkdir(mode=0o700, parents=True)
    for name, data in (("name", file_name.encode()), ("content", content)):
        (folder / name).touch(mode=0o600)
        (folder / name).write_bytes(data)
    return key


def take(*, user, key: str) -> tuple[str, bytes]:
    """The file name and bytes `user` kept under `key`, removed from the store; 404 for an unknown,
    expired or someone else's key."""
    folder = _key_dir(user, key)
    try:
        fresh = time.time() - folder.stat().st_mtime <= MAX_AGE_SECONDS
        name, content = (folder / "name").read_text(), (folder / "content").read_bytes()
    except OSError as error:
        raise Http404 from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not fresh:
        raise Http404
    return name, content


def sweep() -> None:
    """Remove every kept upload older than MAX_AGE_SECONDS, whoever kept it."""
    root = Path(settings.PENDING_UPLOAD_DIR)
    if not root.is_dir():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for folder in root.glob("*/*"):
        if folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
