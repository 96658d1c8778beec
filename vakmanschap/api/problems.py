"""Errors as RFC 9457 problem details (application/problem+json), in the user's language."""

import logging

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from vakmanschap.core.problems import PROBLEM_CONTENT_TYPE
from vakmanschap.core.problems import problem_body as _body

logger = logging.getLogger("django.request")


def problem(status_code: int, detail: str, errors: dict | None = None, **extra) -> Response:
    body = _body(status_code, detail, **extra)
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        # An unexpected error: logged with its traceback, answered as a problem document
        # without one, and the request's transaction is rolled back.
        request = context.get("request")
        logger.error("Internal Server Error: %s", getattr(request, "path", "?"), exc_info=exc)
        set_rollback()
        return problem(500, _("Something went wrong on our side. Please try again later."))
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = ", ".join(sorted(errors))
        result = problem(
            status.HTTP_400_BAD_REQUEST,
            _("The request has invalid fields: %(fields)s.") % {"fields": fields},
            errors=errors,
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        result = problem(response.status_code, str(detail))
    for header in ("WWW-Authenticate", "Retry-After"):
        if header in response:
            result[header] = response[header]
    return result
