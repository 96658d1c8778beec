"""Every view names the permission function that guards it (deny by default).

`@guarded(check)` on a function view, or `permission_check = staticmethod(check)` on a
class-based view. PermissionEnforcementMiddleware refuses any view without one.
Object-level access: views call `require(check, user, obj)` which answers 404, so a
user never learns that someone else's object exists.
"""

from collections.abc import Callable

from django.dispatch import Signal
from django.http import Http404

PermissionCheck = Callable[..., bool]

# Sent with user, check_name, obj and path whenever access is refused; the audit trail records it.
permission_denied = Signal()


def is_anyone(user, obj=None) -> bool:
    return True


def is_authenticated(user, obj=None) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def guarded(check: PermissionCheck):
    def decorator(view):
        view.permission_check = check
        return view

    return decorator


def view_permission_check(view_func) -> PermissionCheck | None:
    check = getattr(view_func, "permission_check", None)
    if check is None and hasattr(view_func, "view_class"):
        check = getattr(view_func.view_class, "permission_check", None)
    return check


class ObjectAccessDenied(Http404):
    """A 404 that the middleware records as a permission denial (after the rollback)."""

    def __init__(self, check_name: str, obj):
        super().__init__()
        self.check_name = check_name
        self.obj = obj


def require(check: PermissionCheck, user, obj=None):
    """Object-level check; answers 404 so that no data (not even existence) leaks."""
    if not check(user, obj):
        raise ObjectAccessDenied(check.__name__, obj)
    return obj


class GuardedViewMixin:
    """For class-based views: set `permission_check = staticmethod(<named function>)`."""

    permission_check: PermissionCheck | None = None
