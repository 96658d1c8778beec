"""The "needs action" page is a registry: apps contribute sections, like core/navigation.py.

A section names who sees it (a permission function), how to find its items for a user (a
lazy queryset, or a short list) and how to show one item. The page paginates each section
separately (`?<key>-page=2`), so it costs two queries per section whatever the number of
items — provided `items()` select_related()s what `describe()` reads.

To plug in from another app (e.g. delivery: overdue bookings and start declarations for the
fund officer, invoices to approve for the finance officer, cheques to confirm for a provider),
in that app's `AppConfig.ready()`:

    from vakmanschap.notifications.needs_action import Row, Section, register

    register(Section(
        key="overdue_cheques",
        title=_("Overdue provider deadlines"),
        check=can_see_needs_action,                      # a named permission function
        items=lambda user: deadlines.overdue_cheques(),  # lazy, select_related
        describe=lambda cheque: Row(str(cheque), reverse("delivery:cheque", args=[cheque.pk])),
        order=40,
    ))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.access import PermissionCheck

PAGE_SIZE = 20


@dataclass(frozen=True)
class Row:
    text: str
    url: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # lazily translated
    check: PermissionCheck
    items: Callable[[object], Iterable]
    describe: Callable[[object], Row]
    order: int = 100
    empty: str = _("Nothing to do here.")


_registry: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add (or replace, by key) a section."""
    _registry[section.key] = section


def sections_for(user) -> list[Section]:
    return sorted((s for s in _registry.values() if s.check(user)), key=lambda s: s.order)


def url_or_none(name: str, *args) -> str | None:
    """A link when the target page exists (apps land at different times)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
