"""What the portal keeps in the warehouse (schema ``portal``, migration 0004), as the ``portal``
role: sessions, the access log and its login rate limit, the accounts it may read.

A session is looked up on every request together with its account, so a disabled account (or a
changed password, which ends every session) is refused at its next request, whatever cookie it
still holds. Sessions end after ``IDLE`` without a request and ``ABSOLUTE`` after login.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from psycopg.types.json import Jsonb

from sto_warehouse import db
from sto_warehouse.config import Settings
from sto_warehouse.portal import security
from sto_warehouse.submissions.verdict import GRANT_FOLDER

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=10)
TOUCH_AFTER = timedelta(seconds=60)
# Login rate limit: failed logins within WINDOW (docs/portal.md, "Logging in").
WINDOW = timedelta(minutes=15)
MAX_FAILED_ACCOUNT_ADDRESS = 5  # one account from one address
MAX_FAILED_ADDRESS = 20  # any accounts from one address (password spraying)
MAX_FAILED_ACCOUNT = 50  # one account from anywhere (a distributed guess)
ROLES = {
    "regio": "regio",
    "programma": "programmamedewerker",
    "subsidieverstrekker": "subsidieverstrekker",
}
GRANT_OWNER = "subsidieverstrekker"  # the grant administrator's space in URLs


@dataclass(frozen=True)
class User:
    user_id: int
    username: str
    display_name: str
    role: str
    region_id: str | None
    must_change_password: bool

    @property
    def folder(self) -> str | None:
        """The feedback folder this account submits as (None: it submits nothing)."""
        if self.role == "regio":
            return self.region_id
        if self.role == "subsidieverstrekker":
            return GRANT_FOLDER
        return None

    @property
    def sees_all_regions(self) -> bool:
        return self.role in ("programma", "subsidieverstrekker")


@dataclass(frozen=True)
class Session:
    token_sha256: str
    csrf: str
    user: User


USER_COLUMNS = "u.user_id, u.username, u.display_name, u.role, u.region_id, u.must_change_password"


class Pool:
    """Connections as the ``portal`` role, kept open between requests: a login to PostgreSQL
    (scram-sha-256, a new backend) costs more than judging a small workbook. A connection is
    handed out idle (autocommit, no transaction open), checked with a round trip when it sat
    unused for a while (the server may have restarted), and closed instead of kept when it
    comes back in any other state."""

    def __init__(self, settings: Settings, keep: int = 16, check_after: float = 30.0):
        self.settings, self.keep, self.check_after = settings, keep, check_after
        self._idle: list[tuple[psycopg.Connection, float]] = []
        self._lock = threading.Lock()

    def _take(self) -> psycopg.Connection:
        while True:
            with self._lock:
                if not self._idle:
                    break
                conn, since = self._idle.pop()
            if conn.closed or conn.broken:
                continue
            if time.monotonic() - since > self.check_after:
                try:
                    conn.execute("select 1")
                except psycopg.Error:
                    conn.close()
                    continue
            return conn
        return db.connect(self.settings.url_for("portal"), autocommit=True, app="sto-portal")

    def _give_back(self, conn: psycopg.Connection) -> None:
        idle = psycopg.pq.TransactionStatus.IDLE
        if conn.closed or conn.broken or conn.info.transaction_status != idle:
            conn.close()
            return
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append((conn, time.monotonic()))
                return
        conn.close()

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        conn = self._take()
        try:
            yield conn
        finally:
            self._give_back(conn)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn, _ in idle:
            conn.close()


@contextlib.contextmanager
def connect(settings: Settings) -> Iterator[psycopg.Connection]:
    """One connection of its own (the command line, tests)."""
    with db.as_role(settings, "portal", autocommit=True) as conn:
        yield conn


def user_by_name(conn: psycopg.Connection, username: str) -> tuple[User, str] | None:
    """(active account, password hash), or None for an unknown or disabled account."""
    row = conn.execute(
        f"select {USER_COLUMNS}, u.password_hash from portal.users as u"
        " where u.username = %s and u.disabled_at is null",
        (username.strip().lower(),),
    ).fetchone()
    return (User(*row[:6]), row[6]) if row else None


def start_session(conn: psycopg.Connection, user: User) -> tuple[str, str]:
    """A new session: (cookie token, CSRF token)."""
    token, csrf = security.new_token(), security.new_token()
    conn.execute(
        "insert into portal.sessions (token_sha256, user_id, csrf_token) values (%s, %s, %s)",
        (security.token_hash(token), user.user_id, csrf),
    )
    return token, csrf


def find_session(conn: psycopg.Connection, token: str) -> Session | None:
    row = conn.execute(
        f"select s.token_sha256, s.csrf_token, s.last_seen_at < now() - %s, {USER_COLUMNS}"
        " from portal.sessions as s join portal.users as u on u.user_id = s.user_id"
        " where s.token_sha256 = %s and u.disabled_at is null"
        " and s.last_seen_at > now() - %s and s.created_at > now() - %s",
        (TOUCH_AFTER, security.token_hash(token), IDLE, ABSOLUTE),
    ).fetchone()
    if row is None:
        return None
    if row[2]:
        conn.execute(
            "update portal.sessions set last_seen_at = now() where token_sha256 = %s", (row[0],)
        )
    return Session(row[0], row[1], User(*row[3:]))


def end_session(conn: psycopg.Connection, token_sha256: str) -> None:
    conn.execute("delete from portal.sessions where token_sha256 = %s", (token_sha256,))


def set_password(conn: psycopg.Connection, user_id: int, password_hash: str, *, changed: bool):
    """A rehash (same password) or a change (which ends every session of the account)."""
    if changed:
        conn.execute(
            "update portal.users set password_hash = %s, password_changed_at = now(),"
            " must_change_password = false where user_id = %s",
            (password_hash, user_id),
        )
        conn.execute("delete from portal.sessions where user_id = %s", (user_id,))
    else:
        conn.execute(
            "update portal.users set password_hash = %s where user_id = %s",
            (password_hash, user_id),
        )


def log(
    conn: psycopg.Connection,
    action: str,
    outcome: str,
    *,
    user: User | None = None,
    username: str | None = None,
    region_id: str | None = None,
    object: str | None = None,
    ip: str | None = None,
    detail: dict | None = None,
) -> None:
    conn.execute(
        "insert into portal.access_log (user_id, username, role, region_id, action, outcome,"
        " object, client_ip, detail) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            user.user_id if user else None,
            (user.username if user else username or None),
            user.role if user else None,
            region_id or (user.region_id if user else None),
            action,
            outcome,
            object,
            ip,
            Jsonb(detail or {}),
        ),
    )


def password_change_blocked(conn: psycopg.Connection, user: User) -> bool:
    """A signed-in session guessing its account's current password is held like a login."""
    row = conn.execute(
        "select count(*) from portal.access_log where action = 'password' and outcome = 'failed'"
        " and detail->>'reden' = 'huidig wachtwoord onjuist' and user_id = %s and at > now() - %s",
        (user.user_id, WINDOW),
    ).fetchone()
    return row[0] >= MAX_FAILED_ACCOUNT_ADDRESS


def login_blocked(conn: psycopg.Connection, username: str, ip: str | None) -> bool:
    """Too many failed logins lately for this account from this address, from this address, or
    for this account (the limits above)."""
    row = conn.execute(
        "select count(*) filter (where username = %s and client_ip is not distinct from %s),"
        " count(*) filter (where client_ip is not distinct from %s),"
        " count(*) filter (where username = %s)"
        " from portal.access_log where action = 'login' and outcome = 'failed' and at > now() - %s",
        (username, ip, ip, username, WINDOW),
    ).fetchone()
    return (
        row[0] >= MAX_FAILED_ACCOUNT_ADDRESS
        or row[1] >= MAX_FAILED_ADDRESS
        or row[2] >= MAX_FAILED_ACCOUNT
    )
