"""Keyset pagination for long lists, newest first: a page is "the next N after this row",
found by the index on (created_at, id), with no OFFSET and no count of the whole list, so a
page costs the same at the first row and at the millionth."""

import datetime
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class KeysetPage:
    items: list
    next_cursor: str  # empty on the last page
    is_first: bool


def _cursor(row, field: str) -> str:
    return f"{getattr(row, field).isoformat()}~{row.pk}"


def _parse(cursor: str):
    try:
        moment, pk = cursor.rsplit("~", 1)
        return datetime.datetime.fromisoformat(moment), int(pk)
    except (ValueError, TypeError):
        return None  # a damaged link starts again at the first page


def keyset_page(queryset, cursor: str = "", *, size: int = 25, field: str = "created_at"):
    """The page after `cursor` (newest first, ties broken by id)."""
    after = _parse(cursor) if cursor else None
    if after is not None:
        moment, pk = after
        queryset = queryset.filter(
            Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk})
        )
    rows = list(queryset.order_by(f"-{field}", "-pk")[: size + 1])
    items = rows[:size]
    next_cursor = _cursor(items[-1], field) if len(rows) > size else ""
    return KeysetPage(items=items, next_cursor=next_cursor, is_first=after is None)
