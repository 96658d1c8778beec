"""`core.audit_trail.save_changes` writes what a plain save writes: the changed columns and
django-auditlog's audit row for them (same changes, actor and text), without reading the row
again."""

import copy

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.core.audit_trail import save_changes
from vakmanschap.funding.models import TrainingPlan

pytestmark = pytest.mark.django_db


def _last_entry(plan):
    return LogEntry.objects.get_for_object(plan).order_by("-pk").first()


def _change(plan):
    plan.justification = "Wil de zorg in, als verpleegkundige."
    plan.labour_market_justification = "Veel vacatures in de regio."


def test_the_audit_row_and_the_row_are_those_of_a_plain_save():
    fund = FundWorld()
    officer = user_with_role(Role.FUND_OFFICER)
    plain, changed = fund.plan(), fund.plan(participant=fund.participant(email="b@example.org"))
    with set_actor(officer):
        plain = TrainingPlan.objects.get(pk=plain.pk)
        _change(plain)
        plain.save()
        changed = TrainingPlan.objects.get(pk=changed.pk)
        as_read = copy.copy(changed)
        _change(changed)
        with CaptureQueriesContext(connection) as queries:
            save_changes(changed, as_read)
    reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "funding_trainingplan"' in q["sql"]
    ]
    assert reads == []  # the row is not read again
    expected, written = _last_entry(plain), _last_entry(changed)
    assert written.action == expected.action == LogEntry.Action.UPDATE
    assert written.changes == expected.changes
    assert set(written.changes) == {"justification", "labour_market_justification"}
    assert written.actor == expected.actor == officer
    assert written.object_repr == str(changed)
    stored = TrainingPlan.objects.get(pk=changed.pk)
    assert (stored.justification, stored.labour_market_justification) == (
        "Wil de zorg in, als verpleegkundige.",
        "Veel vacatures in de regio.",
    )


def test_nothing_changed_writes_nothing():
    plan = FundWorld().plan()
    before = LogEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        save_changes(plan, copy.copy(plan))
    assert len(queries) == 0
    assert LogEntry.objects.count() == before
