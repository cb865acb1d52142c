"""Parsing submitted text the one way staging parses it too (macros in dbt_project/macros/
submissions.sql mirror these rules): amounts, decimals, years, dates, date-times."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sto_warehouse.submissions.spec import AMSTERDAM

# 1234 | 1234,5 | 1234.50 | 1.234.567,89 | -12 ; at most 2 decimals for money
PLAIN_NUMBER = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
DUTCH_THOUSANDS = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
BRIN6 = re.compile(r"^[0-9]{2}[A-Z]{2}[0-9]{2}$")
INSTELLINGSCODE = re.compile(r"^[0-9]{2}[A-Z]{2}$")
KVK = re.compile(r"^[0-9]{8}$")
BEVOEGD_GEZAG = re.compile(r"^[0-9]{5}$")
REGION_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,29}$")
YEAR = re.compile(r"^(19|20)[0-9]{2}$")


def number(text: str) -> Decimal | None:
    """A decimal as a region may type it; None when it is not a number."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if value.startswith("€"):
        return None
    if DUTCH_THOUSANDS.match(value) and not PLAIN_NUMBER.match(value):
        value = value.replace(".", "").replace(",", ".")
    elif PLAIN_NUMBER.match(value):
        value = value.replace(",", ".")
    else:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def integer(text: str) -> int | None:
    value = number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def year(text: str) -> int | None:
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    return int(value) if YEAR.match(value) else None


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M")  # fmt: skip


def parse_date(text: str) -> date | None:
    value = text.strip()
    if "T" in value and value.endswith("T00:00:00"):
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_datetime(text: str) -> datetime | None:
    """A moment; without an offset it is Dutch local time (Europe/Amsterdam); a date alone is
    the start of that day."""
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
        for fmt in DATETIME_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            day = parse_date(value)
            if day is None:
                return None
            parsed = datetime(day.year, day.month, day.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=AMSTERDAM)
    return parsed


def looks_like_formula(text: str) -> bool:
    return bool(text) and text[0] in ("=", "+", "-", "@", "\t", "\r")
