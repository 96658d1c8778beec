import datetime

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.core.access import guarded
from vakmanschap.funding.who_can_apply import current_conditions
from vakmanschap.monitor import views as monitor_views
from vakmanschap.people import privacy_statements

from . import resident
from .start_pages import start_page_for

# The day the accessibility statement was last checked against the tests; update it with them.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 30)


@transaction.non_atomic_requests  # reads nothing: no connection, no transaction
@guarded(is_anyone)
def home(request):
    return render(request, "ui/home.html")


@transaction.non_atomic_requests  # the resident's page only reads; other roles get a transaction
@guarded(is_authenticated)
def start(request):
    if request.user.primary_role == Role.PARTICIPANT:
        return resident.my_route(request)  # a resident starts on their own route
    with transaction.atomic():
        return _staff_start(request)


def _staff_start(request):
    if request.user.primary_role == Role.MONITOR:
        request.start_role = Role.MONITOR
        return monitor_views.monitor(request)  # the monitor role's start page is the monitor
    page = start_page_for(request.user)
    return render(request, "ui/start.html", {"page": page})


@transaction.non_atomic_requests  # reads nothing: no connection, no transaction
@guarded(is_anyone)
def about(request):
    return render(request, "ui/about.html")


@transaction.non_atomic_requests  # reads nothing: no connection, no transaction
@guarded(is_anyone)
def how_it_works(request):
    return render(request, "ui/how_it_works.html")


@guarded(is_anyone)
def who_can_apply(request):
    return render(request, "ui/public/who_can_apply.html", {"rules": current_conditions()})


@transaction.non_atomic_requests  # reads only settings
@guarded(is_anyone)
def contact(request):
    language = translation.get_language() or "nl"
    hours = settings.FUND_OPENING_HOURS
    return render(
        request,
        "ui/public/contact.html",
        {
            "fund_name": settings.FUND_NAME,
            "address": settings.FUND_ADDRESS,
            "email": settings.FUND_EMAIL,
            "phone": settings.FUND_PHONE,
            "opening_hours": hours.get(language[:2]) or hours.get("nl", ""),
        },
    )


@transaction.non_atomic_requests  # reads only the registry of versions
@guarded(is_anyone)
def privacy_statement(request, version=None):
    """The version in force, or an earlier one by its number (a consent names it)."""
    current = privacy_statements.current()
    statement = current if version is None else privacy_statements.by_version(version)
    if statement is None:
        raise Http404
    return render(
        request,
        "ui/public/privacy_statement.html",
        {
            "statement": statement,
            "current": current,
            "fund_name": settings.FUND_NAME,
            "versions": list(reversed(privacy_statements.VERSIONS)),
        },
    )


@transaction.non_atomic_requests  # reads nothing
@guarded(is_anyone)
def accessibility_statement(request):
    return render(
        request,
        "ui/public/accessibility_statement.html",
        {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "fund_name": settings.FUND_NAME,
            "email": settings.FUND_EMAIL,
            "phone": settings.FUND_PHONE,
        },
    )
