from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User, is_demo_email, user_with_memberships


class EmailBackend(ModelBackend):
    """Login by e-mail address (case-insensitive). Demo accounts only work in demo mode."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or (is_demo_email(email) and not settings.DEMO_MODE):
            return None
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_user(self, user_id):
        """The session's account and its memberships, read with one query compiled once per
        process."""
        try:
            user = user_with_memberships(User._meta.pk.to_python(user_id))
        except ValidationError:
            return None
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        if is_demo_email(user.email) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)
