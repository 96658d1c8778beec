"""Role-specific navigation. Apps register items with the permission function that guards
the target, so a link is only shown to users who may follow it."""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse

from .access import PermissionCheck


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str  # lazily translated
    check: PermissionCheck
    order: int = 100
    # The roles whose menu shows the item (None: everyone the check lets through). Keeps a
    # page reachable by link without putting it in the menu of a role that does not use it.
    roles: frozenset[str] | None = None

    @property
    def url(self) -> str:
        return _reverse(self.url_name, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=256)
def _reverse(url_name: str, script_prefix: str, urlconf) -> str:
    """A menu link's address depends only on these: computed once, not twice per link and page."""
    return reverse(url_name, urlconf=urlconf)


_registry: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _registry:
        _registry.append(item)
        _registry.sort(key=lambda i: i.order)  # stable: equal orders keep registration order


def items_for(user) -> list[NavItem]:
    """The items whose check lets the user through, in menu order. An item kept out of this
    user's roles' menu is not shown whatever its check says, so its check is not asked."""
    roles = user.roles
    return [i for i in _registry if (i.roles is None or i.roles & roles) and i.check(user)]
