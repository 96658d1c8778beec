"""Base class for API views: named permission functions, object-level 404s, idempotent writes."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import APIView

from vakmanschap.core.access import ObjectAccessDenied, permission_denied, require

from .models import IdempotencyRecord
from .problems import problem

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class _Replay(Exception):
    def __init__(self, record):
        self.record = record


class GuardedAPIView(APIView):
    """Set `permission_check = staticmethod(<named function>)`; DRF applies it after
    authentication (vakmanschap.api.permissions.NamedPermission). `self.require(obj)` applies
    it to an object and answers 404 without data.

    Writes accept an `Idempotency-Key` header: the same key and body get the first answer
    again, and nothing is done twice. Secrets shown once (`secret_fields`, e.g. cheque codes)
    are not stored, so a replay shows them as null. The same key with another body gets 422.
    """

    permission_check = None
    secret_fields: tuple[str, ...] = ()

    def require(self, obj, check=None):
        return require(check or self.permission_check, self.request.user, obj)

    def _idempotency_key(self, request) -> str | None:
        key = request.META.get("HTTP_IDEMPOTENCY_KEY", "").strip()
        if key and request.method in UNSAFE_METHODS and request.user.is_authenticated:
            return key[:200]
        return None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and permission first
        key = self._idempotency_key(request)
        if key:
            seen = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
            if seen is not None:
                raise _Replay(seen)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return self._replay(exc.record)
        if isinstance(exc, ObjectAccessDenied):
            permission_denied.send(
                sender=type(self),
                user=self.request.user,
                check_name=exc.check_name,
                obj=exc.obj,
                path=self.request.path,
            )
            return problem(404, _("Not found."))
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        key = self._idempotency_key(request) if hasattr(request, "user") else None
        storable = (
            key
            and response.status_code < 500
            and not response.has_header("Idempotent-Replayed")
            and not transaction.get_connection().needs_rollback  # an error undid the work
        )
        if storable:
            try:
                with transaction.atomic():
                    IdempotencyRecord.objects.create(
                        user=request.user,
                        key=key,
                        path=request.path,
                        body_hash=self._body_hash(),
                        status_code=response.status_code,
                        body=self._storable(getattr(response, "data", None)),
                    )
            except IntegrityError:
                # A concurrent twin got there first: undo this one, answer what it answered.
                transaction.set_rollback(True)
                seen = IdempotencyRecord.objects.get(user=request.user, key=key)
                response = self._replay(seen)
        return super().finalize_response(request, response, *args, **kwargs)

    def _body_hash(self) -> str:
        # A multipart body is read as a stream (it cannot be read twice) and its boundary
        # differs per request: hash what was parsed from it (fields; files by name and size).
        multipart = self.request.content_type.startswith("multipart/")
        try:
            raw = None if multipart else self.request.body
        except RawPostDataException:
            raw = None
        if raw is None:
            raw = json.dumps(self._parsed_body(), sort_keys=True).encode()
        return hashlib.sha256(raw).hexdigest()

    def _parsed_body(self) -> dict:
        data = self.request.data
        fields = dict(data.lists()) if hasattr(data, "lists") else dict(data)
        files = {k: [f"{f.name}:{f.size}" for f in v] for k, v in self.request.FILES.lists()}
        return {"fields": {k: v for k, v in fields.items() if k not in files}, "files": files}

    def _replay(self, seen):
        if seen.body_hash != self._body_hash() or seen.path != self.request.path:
            response = problem(422, _("This Idempotency-Key was used for another request."))
        else:
            response = Response(seen.body, status=seen.status_code)
        response["Idempotent-Replayed"] = "true"
        return response

    def _storable(self, data):
        def scrub(value):
            if isinstance(value, dict):
                return {k: None if k in self.secret_fields else scrub(v) for k, v in value.items()}
            if isinstance(value, list):
                return [scrub(v) for v in value]
            return value

        return None if data is None else json.loads(json.dumps(scrub(data), default=str))
