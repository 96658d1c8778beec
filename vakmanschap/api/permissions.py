from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class NamedPermission(BasePermission):
    """Applies the view's named permission function (the same ones the UI uses), and the
    token's scope: a read-only token cannot write."""

    message = None

    def has_permission(self, request, view):
        token = request.auth
        if (
            isinstance(token, ApiToken)
            and request.method not in SAFE_METHODS
            and not token.allows_writes
        ):
            self.message = _("This token may only read: ask for a token with scope 'write'.")
            return False
        check = getattr(view, "permission_check", None)
        return bool(check and check(request.user))
