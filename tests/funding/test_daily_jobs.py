"""`vakmanschap daily`: one scheduled command runs every app's daily job."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from vakmanschap.core import daily
from vakmanschap.funding.models import ChequeState
from vakmanschap.funding.plans import approve, submit


def test_the_jobs_of_the_fund_the_network_and_privacy_are_registered_in_order(capsys):
    call_command("daily", "--list")
    assert capsys.readouterr().out.split() == [
        "expire_cheques",
        "network_reminders",
        "anonymise_expired",
        "follow_ups",
        "monitor_summary",
    ]


def test_daily_expires_an_overdue_cheque_and_reports_every_job(fund, capsys):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    approve(plan, by=fund.fund_officer)
    cheque = plan.cheques.get()
    plan.cheques.update(valid_until=timezone.now() - datetime.timedelta(days=1))
    call_command("daily")
    out = capsys.readouterr().out
    cheque.refresh_from_db()
    assert cheque.state == ChequeState.EXPIRED
    assert "expire_cheques: 1 cheque(s) expired." in out
    assert "network_reminders: 0 renewal reminder(s) queued." in out
    assert "anonymise_expired: 0 file(s) anonymised" in out


def test_a_failing_job_is_reported_and_the_others_still_run(db, capsys, monkeypatch):
    ran = []
    jobs = [
        daily.DailyJob("first", lambda: ran.append("first") or "ok", order=1),
        daily.DailyJob("broken", lambda: 1 / 0, order=2),
        daily.DailyJob("last", lambda: ran.append("last") or "ok", order=3),
    ]
    monkeypatch.setattr(daily, "_registry", {job.name: job for job in jobs})
    with pytest.raises(CommandError, match="Failed: broken"):
        call_command("daily")
    assert ran == ["first", "last"]
    assert "broken: ZeroDivisionError" in capsys.readouterr().out


def test_an_unknown_job_name_is_refused_with_the_known_ones(db):
    with pytest.raises(CommandError, match="Unknown job.*nonsense.*expire_cheques"):
        call_command("daily", "--only", "nonsense")


def test_only_runs_just_the_named_job(fund, capsys):
    call_command("daily", "--only", "expire_cheques")
    out = capsys.readouterr().out
    assert "expire_cheques:" in out and "network_reminders" not in out
