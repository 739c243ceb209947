"""Backup codes for the second sign-in step (django-otp's static device), so that a lost phone
needs nobody's help: BACKUP_CODE_COUNT one-time codes, shown once when made.

django-otp stores static tokens as typed; here the column holds a keyed hash of the code
(an HMAC with SECRET_KEY), so a database backup does not hold usable codes. Each code works
once (django-otp deletes it), and wrong guesses are throttled per device by django-otp.
"""

import re
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32: no 0/o or 1/l to confuse
CODE_CHARACTERS = 10  # 50 random bits, shown as two groups of five
HASH_SALT = "core.backup_codes"


def normalise(entry: str) -> str:
    """What was typed, without spaces or dashes and in lower case: "ABCDE-FGHIJ" is "abcdefghij"."""
    return re.sub(r"[^0-9a-z]", "", entry.lower())


def stored_form(code: str) -> str:
    return salted_hmac(HASH_SALT, normalise(code)).hexdigest()[: StaticToken._meta.get_field("token").max_length]


def new_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_CHARACTERS))
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def make_backup_codes(*, user) -> list[str]:
    """New codes for the user, replacing any earlier ones; the codes in clear, to be shown once.
    The device itself stays, so a session signed in with a backup code stays signed in."""
    device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
        user=user, name=_("Reservecodes"), confirmed=True
    )
    device.token_set.all().delete()
    codes = [new_code() for _index in range(settings.BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=stored_form(code)) for code in codes])
    return codes


def looks_like_a_backup_code(entry: str) -> bool:
    return len(normalise(entry)) == CODE_CHARACTERS


def verify_backup_code(*, user, entry: str) -> StaticDevice | None:
    """The user's backup-code device if `entry` is one of its unused codes (which is then used up)."""
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(stored_form(entry)):
            return device
    return None


def codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
