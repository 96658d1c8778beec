"""The resident's progress tracker (ui/progress.py) and their own page."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import user_with_role
from vakmanschap.accounts.roles import Role
from vakmanschap.core import presentation
from vakmanschap.funding import plans
from vakmanschap.people.choices import Triage
from vakmanschap.ui.progress import DONE, NEXT, NOW, STOPPED, progress_for

from .fund_path import STEPS, FundPath

ORDER = [
    "signed_up",
    "conversation",
    "plan",
    "decision",
    "cheque",
    "booked",
    "started",
    "completed",
]


@pytest.fixture
def path(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return FundPath()


def expected_states(now: str | None) -> list[str]:
    if now is None:
        return [DONE] * len(ORDER)
    at = ORDER.index(now)
    return [DONE] * at + [NOW] + [NEXT] * (len(ORDER) - at - 1)


def test_each_step_of_the_fund_path_moves_the_tracker_on(path):
    for step, now in STEPS:
        getattr(path, step)()
        progress = progress_for(path.person)
        assert [s.key for s in progress.steps] == ORDER
        assert [s.state for s in progress.steps] == expected_states(now), step
        # Every step that is done carries its date.
        assert all(s.date for s in progress.steps if s.state == DONE), step


def test_a_held_conversation_is_never_asked_for_again(path):
    """Before: "Loopbaangesprek nodig" stayed after the conversation and the approval."""
    for step, _now in STEPS[:5]:
        getattr(path, step)()
    path.person.triage = Triage.CONVERSATION_NEEDED
    path.person.save()
    client_html = _page(path, "nl")
    assert "Loopbaangesprek nodig" not in client_html
    assert "Wacht op triage" not in client_html
    assert progress_for(path.person).state_of("conversation") == DONE


def _page(path, language):
    from django.test import Client

    client = Client()
    client.force_login(path.resident)
    client.cookies["django_language"] = language
    response = client.get(reverse("people:mine"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_step_names_the_conversation_date_and_place(path):
    path.sign_up()
    path.schedule_conversation()
    with translation.override("nl"):
        words = progress_for(path.person).next_step
    assert "Hengelosestraat 500" in words and "gesprek" in words


def test_the_start_page_reads_a_conversation_of_a_resident_without_a_plan(path, client):
    """The start page reads conversations only when the participant's row says there are some."""
    path.sign_up()
    client.force_login(path.resident)
    client.cookies["django_language"] = "nl"
    assert "Hengelosestraat 500" not in client.get(reverse("ui:start")).content.decode()
    path.schedule_conversation()
    html = client.get(reverse("ui:start")).content.decode()
    assert "Hengelosestraat 500" in html
    assert 'data-step="conversation" data-state="now"' in html


def test_after_approval_the_next_step_links_the_cheque_letter_and_the_course(path):
    for step, _now in STEPS[:5]:
        getattr(path, step)()
    html = _page(path, "nl")
    assert reverse("funding:cheque_letter", args=[path.cheque.pk]) in html
    assert reverse("catalogue:detail", args=[path.world.course.pk]) in html
    assert "Verzorgende IG" in html and "Zorgacademie" in html
    assert 'data-step="booked" data-state="now"' in html
    # Dates read as Dutch dates, the way every page shows them.
    today = presentation.format_day(timezone.localdate(), "nl")
    assert f'<span class="site-tracker__date">{today}</span>' in html


def test_a_rejected_plan_stops_at_the_decision_in_plain_words(path):
    path.sign_up()
    path.hold = None
    path.submit_plan()
    plans.reject(path.plan, by=path.world.fund_officer, reason="Niet in de regio.")
    progress = progress_for(path.person)
    assert progress.state_of("decision") == STOPPED
    assert progress.state_of("cheque") == NEXT
    with translation.override("en"):
        assert "did not approve" in progress_for(path.person).next_step


def test_not_eligible_stops_before_the_conversation(path):
    path.sign_up()
    path.person.triage, path.person.triage_reason = Triage.NOT_ELIGIBLE, "Woont buiten de regio."
    path.person.save()
    assert progress_for(path.person).state_of("conversation") == STOPPED


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "Waar u nu bent"), ("en", "Where you are now")]
)
def test_the_resident_start_page_is_the_tracker(path, client, language, heading):
    path.sign_up()
    client.force_login(path.resident)
    client.cookies["django_language"] = language
    html = client.get(reverse("ui:start")).content.decode()
    assert heading in html
    assert 'data-step="conversation" data-state="now"' in html


def test_only_the_resident_reads_their_own_route(path, client):
    """Another resident sees their own (empty) route, never this one's."""
    for step, _now in STEPS[:5]:
        getattr(path, step)()
    other = user_with_role(Role.PARTICIPANT)
    client.force_login(other)
    html = client.get(reverse("people:mine")).content.decode()
    assert "Verzorgende IG" not in html
    assert reverse("funding:cheque_letter", args=[path.cheque.pk]) not in html
    client.force_login(path.world.advisor)
    assert client.get(reverse("people:mine")).status_code == 403
