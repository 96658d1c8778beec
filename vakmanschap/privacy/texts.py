"""Codes for what privacy writes into the audit trail (`core.coded`): stored as codes with
parameters, shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded

RETENTION_PERIOD_ENDED = coded.define("privacy.retention_period_ended", _("retention period ended"))
ERASURE_REQUEST = coded.define("privacy.erasure_request", _("erasure request #%(request)s"))
