from rest_framework.permissions import BasePermission


class NamedPermission(BasePermission):
    """Applies the view's named permission function (the same ones the UI uses)."""

    def has_permission(self, request, view):
        check = getattr(view, "permission_check", None)
        return bool(check and check(request.user))
