"""Security events in the audit trail (django-auditlog's LogEntry, action ACCESS).

Data changes are recorded by auditlog itself for every registered model. Logins, failed
logins and permission denials are written here, against the user (or the object) they
concern, with the event name in `additional_data`. LogEntry keeps content type, primary
key and a text representation, so records outlive the objects they describe.
"""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_REFUSED = "login_refused"  # a DigiD/eHerkenning answer that failed a check
LOGOUT = "logout"
PERMISSION_DENIED = "permission_denied"


def _actor(user):
    return user if (user is not None and getattr(user, "is_authenticated", False)) else None


def record_event(event: str, *, actor=None, obj=None, object_repr="", reason="", **data):
    """Write one security event. `obj` defaults to the actor's own user record."""
    target = obj if obj is not None and getattr(obj, "pk", None) is not None else _actor(actor)
    model = target._meta.model if target is not None else get_user_model()
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(target.pk) if target is not None else "",
        object_id=target.pk if target is not None and isinstance(target.pk, int) else None,
        object_repr=(object_repr or str(target or ""))[:200],
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=_actor(actor),
        actor_email=getattr(_actor(actor), "email", None),
        additional_data={"event": event, "reason": reason, **data},
    )
    return entry


def record_permission_denied(user, check_name: str, obj=None, path: str = ""):
    return record_event(PERMISSION_DENIED, actor=user, obj=obj, check=check_name, path=path)
