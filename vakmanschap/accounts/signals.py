"""Signals for the layers above (the audit trail records them)."""

from django.dispatch import Signal

# A DigiD/eHerkenning login that was refused. Arguments: request, provider, reason (never a
# token or an identity number).
external_login_refused = Signal()
