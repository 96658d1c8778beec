"""The audit trail as sentences in the reader's language: "Sanne de Vries: postcode gewijzigd".

An entry stores codes (auditlog's action, the event name, field names); this module turns them
into a sentence with the model's field labels when the page is shown, so a record written while
someone worked in English reads in Dutch for a Dutch reader. The raw record stays available as
JSON for the details toggle.
"""

import json
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Event names (`additional_data.event`) as other apps write them; an unknown one shows as it is.
EVENTS = {
    "login": gettext_lazy("logged in"),
    "login_failed": gettext_lazy("failed to log in"),
    "logout": gettext_lazy("logged out"),
    "permission_denied": gettext_lazy("was refused access"),
    "iban_change_proposed": gettext_lazy("proposed a new bank account"),
    "iban_change_approved": gettext_lazy("approved a new bank account"),
    "iban_change_rejected": gettext_lazy("rejected a new bank account"),
    "cheque_code_reissued": gettext_lazy("issued a new cheque code"),
    "personal_data_exported": gettext_lazy("downloaded personal data"),
    "conversation_notes_read": gettext_lazy("read conversation notes"),
    "participant_transferred": gettext_lazy("transferred a participant"),
    "anonymised": gettext_lazy("anonymised a participant"),
}


@dataclass(frozen=True)
class AuditLine:
    entry: LogEntry
    who: str
    sentence: str
    details: str


def _who(entry: LogEntry) -> str:
    actor = entry.actor
    if actor is not None:
        return getattr(actor, "full_name", "") or actor.email
    return entry.actor_email or _("The system")


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def _in_form_order(model, names):
    """The model's own field order: PostgreSQL's jsonb stores the keys in its own order."""
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    return sorted(names, key=lambda name: (order.get(name, len(order)), name))


def _what(entry: LogEntry) -> str:
    event = (entry.additional_data or {}).get("event") if entry.additional_data else None
    if event:
        return str(EVENTS.get(event, event))
    model = entry.content_type.model_class() if entry.content_type_id else None
    kind = str(model._meta.verbose_name) if model else ""
    if entry.action == LogEntry.Action.CREATE:
        return _("%(kind)s created") % {"kind": kind}
    if entry.action == LogEntry.Action.DELETE:
        return _("%(kind)s deleted") % {"kind": kind}
    if entry.action == LogEntry.Action.UPDATE:
        labels = [_field_label(model, name) for name in _in_form_order(model, entry.changes_dict)]
        if labels:
            return _("%(fields)s changed") % {"fields": ", ".join(labels)}
        return _("%(kind)s changed") % {"kind": kind}
    return str(entry.get_action_display())


def describe(entry: LogEntry) -> AuditLine:
    who = _who(entry)
    what = _what(entry)
    details = json.dumps(
        {"changes": entry.changes_dict, **(entry.additional_data or {})},
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
        default=str,
    )
    return AuditLine(entry, who, _("%(who)s: %(what)s") % {"who": who, "what": what}, details)
