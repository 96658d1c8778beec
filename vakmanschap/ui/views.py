from django.db import transaction
from django.shortcuts import render

from vakmanschap.accounts.permissions import is_anyone, is_authenticated
from vakmanschap.accounts.roles import Role
from vakmanschap.core.access import guarded
from vakmanschap.monitor import views as monitor_views

from . import resident
from .start_pages import start_page_for


@transaction.non_atomic_requests  # reads nothing: no connection, no transaction
@guarded(is_anyone)
def home(request):
    return render(request, "ui/home.html")


@guarded(is_authenticated)
def start(request):
    if request.user.primary_role == Role.MONITOR:
        request.start_role = Role.MONITOR
        return monitor_views.monitor(request)  # the monitor role's start page is the monitor
    if request.user.primary_role == Role.PARTICIPANT:
        return resident.my_route(request)  # a resident starts on their own route
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
