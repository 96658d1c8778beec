"""The test suite (pytest: DJANGO_SETTINGS_MODULE=vakmanschap.conf.test): the development
defaults, but demo mode off unless a test switches it on."""

from .development import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
