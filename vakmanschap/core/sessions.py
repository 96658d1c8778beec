"""Django's database sessions, read with a query compiled once per process (core/compiled.py).

The same table, the same row and the same expiry rule: a session past its `expire_date` is not
loaded. Sessions stay in the database (docs/decisions.md)."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .compiled import CompiledQuery

_session_by_key = CompiledQuery(lambda key: Session.objects.filter(session_key=key), str)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _session_by_key(self.session_key) if self.session_key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
