"""Connections to the warehouse, one function per role (least privilege, DESIGN §2)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from sto_warehouse.config import Settings

APPLICATION_NAME = "sto-warehouse"


def connect(
    url: str, *, autocommit: bool = False, app: str = APPLICATION_NAME
) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=autocommit, application_name=app, connect_timeout=10)


@contextlib.contextmanager
def admin(settings: Settings, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
    with connect(settings.admin_url, autocommit=autocommit) as conn:
        yield conn


@contextlib.contextmanager
def as_role(
    settings: Settings, role: str, *, autocommit: bool = False
) -> Iterator[psycopg.Connection]:
    with connect(settings.url_for(role), autocommit=autocommit, app=f"sto-{role}") as conn:
        yield conn


def loader(settings: Settings, **kw):
    return as_role(settings, "loader", **kw)


def transformer(settings: Settings, **kw):
    return as_role(settings, "transformer", **kw)
