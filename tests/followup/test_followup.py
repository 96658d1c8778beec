import datetime
import hashlib
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.delivery.conftest import DeliveryWorld
from tests.factories import OrganisationFactory, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.delivery import services as delivery
from vakmanschap.followup import services
from vakmanschap.followup.models import Channel, Ending, FollowUp
from vakmanschap.funding.models import Cheque

pytestmark = pytest.mark.django_db
ANSWERS = {
    "work_situation": "employed",
    "hours_per_week": "32",
    "more_hours": "yes",
    "occupation_title": "verzorgende IG",
    "occupation_relation": "trained_for",
    "contract_type": "permanent",
    "helpfulness": "5",
    "comment": "Fijne opleiding.",
}


@pytest.fixture
def world():
    return DeliveryWorld()


def _ended(cheque, days_ago):
    Cheque.objects.filter(pk=cheque.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def _run(django_capture_on_commit_callbacks, today=None):
    with django_capture_on_commit_callbacks(execute=True):
        return services.run_daily(today)


def _token(message):
    return re.search(r"/follow-up/answer/([\w-]+)/", message.body).group(1)


def test_questionnaire_at_six_months_after_completion_by_single_use_link(
    client, world, django_capture_on_commit_callbacks
):
    cheque = world.completed()
    _ended(cheque, 100)
    assert _run(django_capture_on_commit_callbacks) == (0, 0)  # not due yet
    _ended(cheque, 190)
    assert _run(django_capture_on_commit_callbacks) == (1, 0)
    assert _run(django_capture_on_commit_callbacks) == (0, 0)  # once
    follow_up = FollowUp.objects.get()
    assert (follow_up.months, follow_up.ending) == (6, Ending.COMPLETED)
    assert mail.outbox[0].to == [cheque.plan.participant.email]
    token = _token(mail.outbox[0])
    assert follow_up.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(FollowUp.objects.values_list())
    url = reverse("followup:answer", args=[token])
    assert client.get(url).status_code == 200
    assert client.post(url, ANSWERS).status_code == 200
    follow_up.refresh_from_db()
    assert timezone.localdate(follow_up.answered_at) == timezone.localdate()
    assert (follow_up.channel, follow_up.work_situation, follow_up.hours_per_week) == (
        Channel.LINK,
        "employed",
        32,
    )
    assert (follow_up.helpfulness, follow_up.occupation_relation) == (5, "trained_for")
    assert follow_up.more_hours is True
    # single use
    assert client.get(url).status_code == 404
    assert client.post(url, ANSWERS).status_code == 404


def test_twelve_months_after_a_drop_out_asks_only_the_latest_moment(
    world, django_capture_on_commit_callbacks
):
    cheque = delivery.drop_out(world.started(), by=world.provider_user, reason="Ziek")
    _ended(cheque, 400)
    _run(django_capture_on_commit_callbacks)
    follow_up = FollowUp.objects.get()
    assert (follow_up.months, follow_up.ending) == (12, Ending.DROPPED_OUT)


def test_plan_with_an_open_cheque_is_not_followed_up(world, django_capture_on_commit_callbacks):
    world.started()
    _run(django_capture_on_commit_callbacks, today=timezone.localdate() + datetime.timedelta(400))
    assert not FollowUp.objects.exists()


def test_reminder_after_14_days_with_a_fresh_link_the_old_one_stops(
    client, world, django_capture_on_commit_callbacks
):
    _ended(world.completed(), 190)
    _run(django_capture_on_commit_callbacks)
    first = _token(mail.outbox[0])
    FollowUp.objects.update(sent_at=timezone.now() - datetime.timedelta(days=13))
    assert _run(django_capture_on_commit_callbacks) == (0, 0)
    FollowUp.objects.update(sent_at=timezone.now() - datetime.timedelta(days=14, minutes=1))
    assert _run(django_capture_on_commit_callbacks) == (0, 1)
    assert _run(django_capture_on_commit_callbacks) == (0, 0)  # one reminder
    second = _token(mail.outbox[1])
    assert "Reminder" in mail.outbox[1].subject or "Herinnering" in mail.outbox[1].subject
    assert client.get(reverse("followup:answer", args=[first])).status_code == 404
    assert client.get(reverse("followup:answer", args=[second])).status_code == 200


def test_expired_link_is_refused(client, world, django_capture_on_commit_callbacks):
    _ended(world.completed(), 190)
    _run(django_capture_on_commit_callbacks)
    token = _token(mail.outbox[0])
    FollowUp.objects.update(link_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    url = reverse("followup:answer", args=[token])
    assert client.get(url).status_code == 410
    assert client.post(url, ANSWERS).status_code == 410
    assert FollowUp.objects.get().answered_at is None


def test_bad_answers_name_the_field_and_save_nothing(
    client, world, django_capture_on_commit_callbacks
):
    _ended(world.completed(), 190)
    _run(django_capture_on_commit_callbacks)
    url = reverse("followup:answer", args=[_token(mail.outbox[0])])
    bad = ANSWERS | {"hours_per_week": "", "helpfulness": "9"}
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_hours_per_week_error"' in html and 'id="id_helpfulness_error"' in html
    assert FollowUp.objects.get().answered_at is None
    # not in work: hours and occupation are not asked
    response = client.post(
        url, {"work_situation": "seeking", "helpfulness": "2"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.answered_at and follow_up.hours_per_week is None


def test_more_hours_is_asked_of_those_in_work_and_a_bad_answer_is_named(
    client, world, django_capture_on_commit_callbacks
):
    _ended(world.completed(), 190)
    _run(django_capture_on_commit_callbacks)
    url = reverse("followup:answer", args=[_token(mail.outbox[0])])
    for bad, message in (
        ("maybe", "Selecteer een geldige keuze"),
        ("", "Beantwoord deze vraag als u werk heeft."),
    ):
        response = client.post(url, ANSWERS | {"more_hours": bad}, HTTP_ACCEPT_LANGUAGE="nl")
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="id_more_hours_error"' in html and message in html
        assert "Werkt u nu meer uren per week dan vóór de opleiding?" in html
        assert FollowUp.objects.get().answered_at is None  # nothing written
    # Not in work: the question does not apply, whatever was ticked.
    response = client.post(
        url,
        {"work_situation": "seeking", "more_hours": "yes", "helpfulness": "3"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    follow_up = FollowUp.objects.get()
    assert response.status_code == 200 and follow_up.answered_at
    assert follow_up.more_hours is None


def test_no_address_waits_for_a_phone_call_which_an_advisor_records(
    client, world, django_capture_on_commit_callbacks
):
    cheque = world.completed()
    cheque.plan.participant.__class__.objects.filter(pk=cheque.plan.participant_id).update(email="")
    _ended(cheque, 190)
    assert _run(django_capture_on_commit_callbacks) == (0, 0)
    follow_up = FollowUp.objects.get()
    assert follow_up.sent_at is None and not mail.outbox
    client.force_login(world.advisor)
    assert str(follow_up.plan.participant) in client.get(reverse("followup:open")).content.decode()
    url = reverse("followup:phone", args=[follow_up.pk])
    response = client.post(url, ANSWERS | {"hours_per_week": "24", "more_hours": "no"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.channel, follow_up.recorded_by, follow_up.hours_per_week) == (
        Channel.PHONE,
        world.advisor,
        24,
    )
    assert follow_up.more_hours is False
    # Opened again, the form shows the stored answer; "not applicable" is stored as unknown.
    assert re.search(r'value="no"[^>]*checked', client.get(url).content.decode())
    response = client.post(url, ANSWERS | {"more_hours": "not_applicable"})
    follow_up.refresh_from_db()
    assert response.status_code == 302 and follow_up.more_hours is None


def test_advisor_of_another_advice_organisation_gets_404(
    client, world, django_capture_on_commit_callbacks
):
    own_org = OrganisationFactory(kind=OrganisationKind.ADVICE)
    advisor = user_with_role(Role.ADVISOR, own_org)
    cheque = world.completed()
    participant = cheque.plan.participant
    participant.advisor, participant.advice_organisation = advisor, own_org
    participant.save(update_fields=["advisor", "advice_organisation"])
    _ended(cheque, 190)
    _run(django_capture_on_commit_callbacks)
    follow_up = FollowUp.objects.get()
    other = user_with_role(Role.ADVISOR, OrganisationFactory(kind=OrganisationKind.ADVICE))
    client.force_login(other)
    url = reverse("followup:phone", args=[follow_up.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, ANSWERS).status_code == 404
    assert str(participant) not in client.get(reverse("followup:open")).content.decode()
    colleague = user_with_role(Role.ADVISOR, own_org)
    client.force_login(colleague)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.PROVIDER_STAFF, Role.MONITOR])
def test_other_roles_may_not_record(client, world, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("followup:open")).status_code == 403


def test_daily_command_runs_the_follow_up_job():
    from vakmanschap.core import daily

    assert "follow_ups" in [job.name for job in daily.jobs()]


def test_add_months_clamps_to_the_end_of_the_month():
    assert services.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert services.add_months(datetime.date(2026, 1, 15), -6) == datetime.date(2025, 7, 15)
