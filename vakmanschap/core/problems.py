"""Errors as RFC 9457 problem details (application/problem+json), without DRF: for the
middleware and Django's error handlers. The API's own helpers (`api/problems.py`) build on it."""

import json

from django.http import HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def problem_body(status_code: int, detail: str, **extra) -> dict:
    return {
        "type": "about:blank",
        "title": _TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        **extra,
    }


def problem_response(status_code: int, detail: str) -> HttpResponse:
    """The same document outside DRF (middleware, Django's error handlers)."""
    return HttpResponse(
        json.dumps(problem_body(status_code, detail)),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )
