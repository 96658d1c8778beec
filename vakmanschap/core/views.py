from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from .access import guarded, is_anyone
from .health import database_answers, migrations_applied


@guarded(is_anyone)
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would need the database before the view
@never_cache
def healthz(request):
    database = database_answers()
    migrations = database and migrations_applied()
    ok = database and migrations
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "migrations": migrations},
        status=200 if ok else 503,
    )


switch_language = guarded(is_anyone)(set_language)
