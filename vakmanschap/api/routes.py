"""The API's URL hook. Apps above `api` mount their endpoints under /api/v1/ by registering
them in their `ready()`; the API's URL map (`api/urls.py`) reads the registry, so `api` imports
no app above it (the same pattern as core's navigation registry).

    routes.register("courses", "vakmanschap.catalogue.api.CoursesView", name="courses")

The view is named by its dotted path and imported when the URL map is built: `ready()` runs
before views may be imported.
"""

from dataclasses import dataclass

from django.urls import URLPattern, path
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Route:
    route: str
    view: str  # dotted path of a GuardedAPIView subclass
    name: str


_registry: dict[str, Route] = {}


def register(route: str, view: str, *, name: str) -> None:
    """Mount `view` at /api/v1/<route> as URL name `api:<name>`; registering it again is a
    no-op, a different route under a taken name is an error."""
    new = Route(route, view, name)
    if _registry.setdefault(name, new) != new:
        raise ValueError(f"API route name {name!r} is taken by {_registry[name]}")


def urlpatterns() -> list[URLPattern]:
    """The registered routes, in registration order (the order of INSTALLED_APPS)."""
    return [path(r.route, import_string(r.view).as_view(), name=r.name) for r in _registry.values()]
