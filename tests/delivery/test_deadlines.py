import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from vakmanschap.delivery import deadlines, services
from vakmanschap.delivery.deadlines import (
    Overdue,
    add_working_days,
    is_working_day,
    latest_overdue_anchor,
    overdue_cheques,
    working_days_between,
)
from vakmanschap.funding.models import Cheque

D = datetime.date


def test_koningsdag_is_not_a_working_day():
    assert not is_working_day(D(2026, 4, 27))  # Monday, King's Day
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)  # Fri → Tue
    # Booking redeemed on Wednesday 22 April 2026: 5 working days skip the weekend and 27 April.
    assert add_working_days(D(2026, 4, 22), 5) == D(2026, 4, 30)


def test_christmas_and_new_year_are_skipped():
    assert not is_working_day(D(2026, 12, 25)) and not is_working_day(D(2027, 1, 1))
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 28)
    # A start on 18 December 2026 must be declared by 5 January 2027 (10 working days).
    assert add_working_days(D(2026, 12, 18), 10) == D(2027, 1, 5)


def test_liberation_day_in_a_lustrum_year():
    assert not is_working_day(D(2025, 5, 5))
    assert is_working_day(D(2026, 5, 5))


def test_working_days_between():
    assert working_days_between(D(2026, 4, 24), D(2026, 4, 28)) == 1
    assert working_days_between(D(2026, 4, 28), D(2026, 4, 24)) == 0


@given(
    today=st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)),
    anchor_offset=st.integers(min_value=0, max_value=40),
    n=st.sampled_from([0, 5, 10]),
)
def test_cutoff_selects_exactly_the_overdue_anchors(today, anchor_offset, n):
    anchor = today - datetime.timedelta(days=anchor_offset)
    overdue = add_working_days(anchor, n) < today
    assert overdue == (anchor <= latest_overdue_anchor(today, n))


def _age(cheque, days):
    Cheque.objects.filter(pk=cheque.pk).update(
        booked_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_overdue_kinds(world):
    today = timezone.localdate()
    fresh = world.booked()
    late_booking = world.booked()
    _age(late_booking, 30)
    confirmed_late_start = world.booked()
    services.confirm_booking(confirmed_late_start, by=world.provider_user, start_date=today)
    Cheque.objects.filter(pk=confirmed_late_start.pk).update(
        start_date=today - datetime.timedelta(days=30)
    )
    running = world.started()
    ended = world.started()
    ended.delivery.planned_end = today - datetime.timedelta(days=1)
    ended.delivery.save()

    found = {c.pk: c.overdue_kind for c in overdue_cheques(today)}
    assert found == {
        late_booking.pk: Overdue.BOOKING,
        confirmed_late_start.pk: Overdue.START,
        ended.pk: Overdue.COMPLETION,
    }
    assert fresh.pk not in found and running.pk not in found
    items = deadlines.needs_action(overdue_cheques(today), today)
    assert all(item.deadline < today and item.working_days_late >= 1 for item in items)


def test_booking_is_due_on_the_fifth_working_day_not_before(world):
    cheque = world.booked()
    booked = timezone.localdate(cheque.booked_at)
    deadline = add_working_days(booked, 5)
    assert cheque.pk not in {c.pk for c in overdue_cheques(deadline)}
    assert cheque.pk in {c.pk for c in overdue_cheques(deadline + datetime.timedelta(days=1))}


@pytest.mark.parametrize("count", [2, 12])
def test_needs_action_page_has_no_n_plus_one(client, world, django_assert_max_num_queries, count):
    for _ in range(count):
        _age(world.booked(), 20)
    client.force_login(world.fund_officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("delivery:needs_action"))
    assert response.status_code == 200
    assert response.content.decode().count("<tr><td>") == count


def test_needs_action_is_paginated(client, world, monkeypatch):
    monkeypatch.setattr("vakmanschap.delivery.views.PAGE_SIZE", 5)
    for _ in range(7):
        _age(world.booked(), 20)
    client.force_login(world.fund_officer)
    response = client.get(reverse("delivery:needs_action") + "?page=2")
    assert response.content.decode().count("<tr><td>") == 2
