"""Texts stored as a code with parameters and rendered in the reader's language when shown.

A history entry, an eligibility result or a notification written while someone works in English
must still read in Dutch for a Dutch reader. So what is stored is a code ("plan.waiting_list_funded")
and its parameters ({"day": "2027-05-30", "total_cents": 125000}); the text is looked up in the
catalogue and translated at the moment it is shown. Parameter names say how to show a value:
`*_cents` is an amount, `day`/`*_day` an ISO date; the rest is shown as it is.

Each app defines its codes with `define()` in a module imported at start-up (its `texts.py`,
imported by its AppConfig). Text that is no known code (free text typed by a person, rows
written before codes existed) is shown as it was stored.
"""

import datetime
import json

from django.utils.functional import Promise

from vakmanschap.core.presentation import format_day, format_euros

_CATALOGUE: dict[str, Promise | str] = {}
_PREFIX = '{"code":'


def define(code: str, text: Promise | str) -> str:
    """Register a code with its (lazily translated) text; answers the code."""
    _CATALOGUE[code] = text
    return code


def is_known(code: str) -> bool:
    return code in _CATALOGUE


def _stored(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)


def encode(code: str, **params) -> str:
    """The stored form: compact JSON with the code and its parameters (JSON-safe)."""
    if code not in _CATALOGUE:
        raise KeyError(f"Unknown text code {code!r}")
    return json.dumps(
        {"code": code, "params": {k: _stored(v) for k, v in params.items()}},
        separators=(",", ":"),
        ensure_ascii=False,
    )


def _shown(name: str, value):
    if value is None:
        return "–"
    if name.endswith("_cents") and isinstance(value, int):
        return format_euros(value)
    if (name == "day" or name.endswith("_day")) and isinstance(value, str):
        try:
            return format_day(datetime.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return value


def render_code(code: str, params: dict | None = None) -> str:
    """The text of a code in the active language; an unknown code is shown as the code."""
    text = _CATALOGUE.get(code)
    if text is None:
        return code
    params = params or {}
    try:
        return str(text) % {k: _shown(k, v) for k, v in params.items()} if params else str(text)
    except (KeyError, TypeError, ValueError):
        return str(text)


def decode(stored: str | None) -> tuple[str, dict] | None:
    """(code, params) for a stored coded text, None for free text."""
    if not stored or not stored.startswith(_PREFIX):
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("code"), str):
        return None
    params = data.get("params")
    return data["code"], params if isinstance(params, dict) else {}


def render(stored: str | None) -> str:
    """What a reader sees: a coded text in their language, free text as it was stored."""
    decoded = decode(stored)
    if decoded is None:
        return stored or ""
    return render_code(*decoded)
