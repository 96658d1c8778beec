"""Error pages in the site's own style. They never show a stack trace."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the failure may come from a context processor or the database.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
