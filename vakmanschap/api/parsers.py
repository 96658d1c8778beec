"""JSON bodies with limits: DRF's parser reads the whole stream (Django's
DATA_UPLOAD_MAX_MEMORY_SIZE does not apply to it), and deep nesting made Python's decoder give up
with a RecursionError, a 500."""

import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _depth_and_nul(data) -> tuple[int, bool]:
    """How deeply the body nests, and whether any key or string holds a NUL character
    (PostgreSQL text cannot store one, so it would end in a 500 at the first query)."""
    deepest, has_nul, stack = 0, False, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            has_nul = has_nul or "\x00" in value
        elif isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if isinstance(value, dict):
                has_nul = has_nul or any("\x00" in key for key in value)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest, has_nul


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from None
        except ValueError as exc:
            raise exceptions.ParseError(_("The body is not valid JSON: %s") % exc) from None
        depth, has_nul = _depth_and_nul(data)
        if depth > settings.API_MAX_JSON_DEPTH:
            raise exceptions.ParseError(_("The JSON is nested too deeply."))
        if has_nul:
            raise exceptions.ParseError(_("Text in the body may not contain NUL characters."))
        return data
