"""`sto portal user add|list|disable|enable|password`: accounts, managed by the operator.

Runs as the warehouse administrator: the web process itself (role ``portal``) can read accounts
and change its own user's password, but never create, enable or re-role one. A new account gets
a generated password that is shown once, to be handed over out of band, and must be changed at
the first login. Disabling ends every session at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sto_warehouse import db
from sto_warehouse.config import Settings
from sto_warehouse.portal import security
from sto_warehouse.portal.store import ROLES
from sto_warehouse.submissions.values import REGION_ID

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{2,99}$")


class AccountError(ValueError):
    pass


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    region_id: str | None
    disabled_at: datetime | None
    created_at: datetime
    last_login: datetime | None


def _username(name: str) -> str:
    username = name.strip().lower()
    if not USERNAME.match(username):
        raise AccountError(
            f"{name!r} is not a user name: 3-100 of a-z 0-9 . _ @ + - (an e-mail address works)"
        )
    return username


def add(
    settings: Settings,
    username: str,
    role: str,
    *,
    region_id: str | None = None,
    display_name: str = "",
    password: str | None = None,
    must_change: bool = True,
    created_by: str | None = None,
) -> str:
    """Create an account; returns its (initial) password."""
    username = _username(username)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if role == "regio":
        if not region_id or not REGION_ID.match(region_id):
            raise AccountError("a regio account needs --region <region id> (A-Z, 0-9, -)")
    elif region_id:
        raise AccountError(f"a {role} account sees every region: leave out --region")
    password = password or security.generate_password()
    problem = security.password_problem(password, username)
    if problem:
        raise AccountError(problem)
    with db.admin(settings) as conn:
        exists = conn.execute(
            "select 1 from portal.users where username = %s", (username,)
        ).fetchone()
        if exists:
            raise AccountError(f"user {username} exists already")
        conn.execute(
            "insert into portal.users (username, display_name, role, region_id, password_hash,"
            " must_change_password, created_by) values (%s, %s, %s, %s, %s, %s, %s)",
            (
                username,
                display_name.strip(),
                role,
                region_id if role == "regio" else None,
                security.hash_password(password),
                must_change,
                created_by,
            ),
        )
    return password


def accounts(settings: Settings) -> list[Account]:
    with db.admin(settings) as conn:
        rows = conn.execute(
            "select u.username, u.display_name, u.role, u.region_id, u.disabled_at, u.created_at,"
            " (select max(at) from portal.access_log as l where l.user_id = u.user_id"
            "  and l.action = 'login' and l.outcome = 'ok')"
            " from portal.users as u order by u.role, u.region_id nulls first, u.username"
        ).fetchall()
    return [Account(*row) for row in rows]


def _set_disabled(settings: Settings, username: str, disabled: bool, reason: str | None) -> None:
    username = _username(username)
    with db.admin(settings) as conn:
        row = conn.execute(
            "update portal.users set disabled_at = case when %s then now() end,"
            " disabled_reason = %s where username = %s returning user_id",
            (disabled, reason if disabled else None, username),
        ).fetchone()
        if row is None:
            raise AccountError(f"no user {username}")
        if disabled:
            conn.execute("delete from portal.sessions where user_id = %s", (row[0],))


def disable(settings: Settings, username: str, reason: str | None = None) -> None:
    """Refused from the next request on: every session of the account ends now."""
    _set_disabled(settings, username, True, reason)


def enable(settings: Settings, username: str) -> None:
    _set_disabled(settings, username, False, None)


def reset_password(settings: Settings, username: str) -> str:
    """A new generated password that must be changed at the next login; sessions end."""
    username = _username(username)
    password = security.generate_password()
    with db.admin(settings) as conn:
        row = conn.execute(
            "update portal.users set password_hash = %s, password_changed_at = now(),"
            " must_change_password = true where username = %s returning user_id",
            (security.hash_password(password), username),
        ).fetchone()
        if row is None:
            raise AccountError(f"no user {username}")
        conn.execute("delete from portal.sessions where user_id = %s", (row[0],))
    return password


def access_log(
    settings: Settings,
    *,
    limit: int = 50,
    username: str | None = None,
    region_id: str | None = None,
) -> list[tuple]:
    """The latest entries of the access log, newest first."""
    with db.admin(settings) as conn:
        return conn.execute(
            "select at, username, role, region_id, action, outcome, object, client_ip"
            " from portal.access_log where (%s::text is null or username = %s)"
            " and (%s::text is null or region_id = %s) order by log_id desc limit %s",
            (username, username, region_id, region_id, limit),
        ).fetchall()
