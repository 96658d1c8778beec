"""Login throttling on django-axes: per account from one address, and per address across all
accounts (password spraying: one guess at many accounts).

Axes counts failures for each of AXES_LOCKOUT_PARAMETERS and compares the highest count with
one limit; `failure_limit` makes that limit depend on what is being counted, and
`AccountAndAddressHandler` lets a successful login forgive only its own account's failures.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from vakmanschap.core.problems import problem_response


def _account_failures(request, credentials) -> int:
    username = get_client_username(request, credentials)
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    )
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: axes compares it with the address's failures across accounts (the
    widest count). Once this account alone reached its own limit, that limit applies."""
    per_account = settings.LOGIN_FAILURES_PER_ACCOUNT
    if _account_failures(request, credentials) >= per_account:
        return per_account
    return max(settings.LOGIN_FAILURES_PER_ADDRESS, per_account)


class AccountAndAddressHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials=None) -> int:
        # Logging in to one's own account must not wipe the address's failures at others.
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted


def lockout_response(request, original_response=None, credentials=None):
    """429 as problem+json for the API, the lockout page for people."""
    if request.path.startswith("/api/"):
        minutes = int(settings.AXES_COOLOFF_TIME * 60)
        response = problem_response(
            429,
            _("Too many failed logins: try again in %(minutes)d minutes.") % {"minutes": minutes},
        )
        response["Retry-After"] = str(minutes * 60)
        return response
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
