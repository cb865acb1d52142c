"""Passwords, tokens and signed values for the portal: the standard library only.

Passwords are hashed with scrypt (memory-hard, ``hashlib.scrypt``) at OWASP's equivalent of its
minimum (N=2^15, r=8, p=3: 32 MiB and ~0.3 s per hash); the parameters are stored with each hash,
so raising them rehashes an account at its next login. At most ``HASHING_AT_ONCE`` hashes run at
the same time, so a burst of logins cannot exhaust memory. Cookies carry a random token signed
with HMAC-SHA256 under ``STO_PORTAL_SECRET_KEY``; the database keeps only the token's sha256.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import threading

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 3
SCRYPT_MAXMEM = 64 * 1024 * 1024
HASHING_AT_ONCE = 4
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _hashing:
        return hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=32
        )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


@functools.cache
def _dummy() -> str:
    """Verified against for an unknown user name, so that a wrong name costs as long as a wrong
    password (no user enumeration by timing)."""
    return hash_password(secrets.token_urlsafe(16))


def verify_password(password: str, stored: str | None) -> tuple[bool, bool]:
    """(matches, needs a rehash with the current parameters)."""
    target = stored or _dummy()
    try:
        scheme, n, r, p, salt, digest = target.split("$")
        if scheme != "scrypt":
            return False, False
        found = _scrypt(password[:MAX_PASSWORD_LENGTH], _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False, False
    ok = hmac.compare_digest(found, _unb64(digest)) and stored is not None
    current = (int(n), int(r), int(p)) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return ok, ok and not current


def password_problem(password: str, username: str) -> str | None:
    """Why a new password is not accepted (Dutch), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van hoogstens {MAX_PASSWORD_LENGTH} tekens."
    if username.lower() in password.lower():
        return "Het wachtwoord mag uw gebruikersnaam niet bevatten."
    if len(set(password)) < 5:
        return "Het wachtwoord bestaat uit te weinig verschillende tekens."
    return None


def generate_password() -> str:
    """An initial password to hand over out of band (the account must change it)."""
    return secrets.token_urlsafe(15)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign(value: str, key: str, purpose: str) -> str:
    mac = hmac.new(key.encode(), f"{purpose}|{value}".encode(), hashlib.sha256).digest()
    return f"{value}.{_b64(mac)}"


def unsign(signed: str | None, key: str, purpose: str) -> str | None:
    """The value if the signature is this installation's for this purpose, else None."""
    if not signed or "." not in signed or len(signed) > 512:
        return None
    value, _, mac = signed.rpartition(".")
    expected = sign(value, key, purpose).rpartition(".")[2]
    return value if hmac.compare_digest(mac, expected) else None


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
