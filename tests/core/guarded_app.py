"""A small WSGI application behind the overload guard, for a real gunicorn in the tests: the guard
is what is tested, so what it guards answers without a database."""

import django

django.setup()

from vakmanschap.core import overload  # noqa: E402  (after the settings are set up)


def _answer(environ, start_response):
    body = b"served"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


application = overload.admission(_answer)
