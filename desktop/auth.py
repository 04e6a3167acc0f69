"""Passwords: hashlib.scrypt with a per-user salt, compared in constant time.

hashlib, hmac and secrets are imported when a password is set or checked: opening the window for a clerk
without a password needs none of them.
"""

from __future__ import annotations

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> tuple[str, str]:
    import hashlib
    import secrets

    salt = secrets.token_hex(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=_N, r=_R, p=_P)
    return digest.hex(), salt


def check_password(password: str, pw_hash: str, salt: str) -> bool:
    import hashlib
    import hmac

    digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=_N, r=_R, p=_P)
    return hmac.compare_digest(digest.hex(), pw_hash)
