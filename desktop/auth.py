"""Passwords: hashlib.scrypt with a per-user salt, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> tuple[str, str]:
    salt = secrets.token_hex(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=_N, r=_R, p=_P)
    return digest.hex(), salt


def check_password(password: str, pw_hash: str, salt: str) -> bool:
    digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=_N, r=_R, p=_P)
    return hmac.compare_digest(digest.hex(), pw_hash)
