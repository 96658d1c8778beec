"""Error pages in the site's own style. They never show a stack trace."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from .problems import problem_response


def _is_api(request) -> bool:
    return request is not None and request.path.startswith("/api/")


def _api_problem(status_code: int, detail: str):
    return problem_response(status_code, detail)


def bad_request(request, exception=None):
    if _is_api(request):
        return _api_problem(400, _("The request could not be read."))
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _api_problem(403, _("You do not have permission to do this."))
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _api_problem(404, _("Not found."))
    return render(request, "404.html", status=404)


def server_error(request):
    if _is_api(request):
        return _api_problem(500, _("Something went wrong on our side. Please try again later."))
    # No request context: the failure may come from a context processor or the database.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
