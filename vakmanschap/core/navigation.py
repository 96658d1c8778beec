"""Role-specific navigation. Apps register items with the permission function that guards
the target, so a link is only shown to users who may follow it."""

from dataclasses import dataclass

from django.urls import reverse

from .access import PermissionCheck


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str  # lazily translated
    check: PermissionCheck
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _registry:
        _registry.append(item)


def items_for(user) -> list[NavItem]:
    return sorted((i for i in _registry if i.check(user)), key=lambda i: i.order)
