from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from rest_framework.views import APIView

from .access import ObjectAccessDenied, permission_denied, view_permission_check

# The admin site guards its own views (staff login, model permissions).
SELF_GUARDED_NAMESPACES = frozenset({"admin"})


def _is_api_view(view_func) -> bool:
    view_class = getattr(view_func, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class PermissionEnforcementMiddleware:
    """Deny by default: a view must name its permission function, and the user must pass it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and SELF_GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        check = view_permission_check(view_func)
        if check is None:
            if settings.DEBUG:
                raise ImproperlyConfigured(f"View {view_func!r} names no permission function.")
            raise PermissionDenied
        if _is_api_view(view_func):
            return None  # DRF authenticates (bearer token) and then applies the same check
        if check(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _denied(request, check.__name__)
        raise PermissionDenied

    def process_exception(self, request, exception):
        # Runs after the request transaction rolled back, so the record survives.
        if isinstance(exception, ObjectAccessDenied):
            _denied(request, exception.check_name, exception.obj)
        elif isinstance(exception, PermissionDenied) and request.user.is_authenticated:
            _denied(request, "view")
        return None


def _denied(request, check_name: str, obj=None) -> None:
    permission_denied.send(
        sender=PermissionEnforcementMiddleware,
        user=request.user,
        check_name=check_name,
        obj=obj,
        path=request.path,
    )


class DutchFirstMiddleware:
    """Pages are Dutch unless the user chose English (the language switch sets a cookie): a
    browser's Accept-Language is ignored for pages. The API still honours it for its messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
