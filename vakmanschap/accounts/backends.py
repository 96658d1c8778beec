from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .models import is_demo_email


class EmailBackend(ModelBackend):
    """Login by e-mail address (case-insensitive). Demo accounts only work in demo mode."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or (is_demo_email(email) and not settings.DEMO_MODE):
            return None
        return super().authenticate(request, username=email, password=password, **kwargs)

    def user_can_authenticate(self, user):
        if is_demo_email(user.email) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)
