from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from vakmanschap.accounts.permissions import is_anyone, is_authenticated

from .access import guarded
from .health import database_answers, migrations_applied
from .start_pages import start_page_for


@guarded(is_anyone)
def home(request):
    return render(request, "core/home.html")


@guarded(is_authenticated)
def start(request):
    page = start_page_for(request.user)
    return render(request, "core/start.html", {"page": page})


@guarded(is_anyone)
@never_cache
def healthz(request):
    database = database_answers()
    migrations = database and migrations_applied()
    ok = database and migrations
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "migrations": migrations},
        status=200 if ok else 503,
    )


@guarded(is_anyone)
def about(request):
    return render(request, "core/about.html")


switch_language = guarded(is_anyone)(set_language)
