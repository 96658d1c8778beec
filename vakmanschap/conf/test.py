"""The test suite (pytest: DJANGO_SETTINGS_MODULE=vakmanschap.conf.test): the development
defaults, but demo mode off unless a test switches it on."""

from .development import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Every read of the monitor refreshes its summary tables first, so figures equal the records
# the test just wrote (production reads what the daily job counted).
MONITOR_SUMMARY_LIVE = True
