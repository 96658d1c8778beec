"""An advisor moves a planned conversation in the browser; the participant is e-mailed the
changed invitation, whose calendar file replaces the first (same UID, higher SEQUENCE)."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from tests.funding.conftest import FundWorld
from vakmanschap.guidance import services

from .helpers import log_in, wcag_violations

pytestmark = pytest.mark.e2e


def test_the_advisor_moves_a_conversation_and_the_participant_gets_the_update(
    page, axe, mailoutbox
):
    fund = FundWorld(allocated=0)
    first = timezone.localtime() + datetime.timedelta(days=10)
    conversation = services.schedule(
        fund.participant(), advisor=fund.advisor, scheduled_at=first, location="Enschede"
    )
    log_in(page, fund.advisor.email)
    page.goto(f"/conversations/{conversation.pk}/")
    page.get_by_role(
        "link", name="Het gesprek verplaatsen naar een andere datum, tijd of plaats"
    ).click()
    page.wait_for_load_state()
    assert wcag_violations(axe, page) == []

    later = (timezone.localtime() + datetime.timedelta(days=12)).replace(hour=10, minute=30)
    page.fill("#id_scheduled_at", later.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_location", "Werkplein Hengelo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Het gesprek is verplaatst" in page.locator("main").inner_text()
    assert wcag_violations(axe, page) == []

    invitation, update = mailoutbox
    events = [
        icalendar.Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")[0]
        for m in (invitation, update)
    ]
    assert events[0]["UID"] == events[1]["UID"]
    assert (events[0]["SEQUENCE"], events[1]["SEQUENCE"]) == (0, 1)
    assert events[1].decoded("DTSTART").strftime("%H:%M") == "10:30"
    assert "Plaats: Werkplein Hengelo" in update.body
