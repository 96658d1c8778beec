"""E-mails are written in the recipient's language (their stored preference), never in the
language of the person whose action sent them; an address of no user gets Dutch."""

import datetime

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import user_with_role
from tests.scan.helpers import make_employer, make_staff, questionnaire
from vakmanschap.accounts.roles import Role
from vakmanschap.funding.plans import approve, submit
from vakmanschap.network import services as network
from vakmanschap.people.models import Participant
from vakmanschap.scan import services as scan_services
from vakmanschap.scan.models import Scan


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_dutch_advisors_submission_reaches_an_english_participant_in_english(
    fund, django_capture_on_commit_callbacks
):
    user = user_with_role(Role.PARTICIPANT, email="piet@example.org", preferred_language="en")
    piet = fund.participant(given_name="Piet", family_name="Jansen")
    Participant.objects.filter(pk=piet.pk).update(user=user)
    plan = fund.plan(participant=piet)
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        submit(plan, by=fund.advisor)
    [message] = sent_to("piet@example.org")
    assert message.subject == "Your training plan has been sent to the fund"
    assert message.body.startswith("Dear Piet,")


def test_an_english_officers_approval_reaches_a_dutch_provider_in_dutch(
    fund, django_capture_on_commit_callbacks
):
    plan = fund.plan()
    submit(plan, by=fund.advisor)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        approve(plan, by=fund.fund_officer)
    [message] = sent_to(fund.provider_user.email)
    assert fund.provider_user.preferred_language == "nl"
    assert message.subject == "Er is een scholingscheque uitgegeven voor uw opleiding"


def test_a_password_reset_asked_on_a_dutch_page_comes_in_the_users_language(db):
    user_with_role(Role.ADVISOR, email="anne@example.org", preferred_language="en")
    client = Client()
    client.cookies["django_language"] = "nl"
    client.post(reverse("accounts:password_reset"), {"email": "anne@example.org"})
    [message] = sent_to("anne@example.org")
    assert message.subject == "Reset your Vakmanschap password"
    assert message.body.startswith("Hello,")


def test_a_staff_invitation_follows_the_invitees_language_not_the_senders(db):
    employer = make_employer(name="Twentse Metaal")
    sender = make_staff(employer, preferred_language="en")
    user_with_role(Role.PARTICIPANT, email="known@example.org", preferred_language="en")
    with translation.override("nl"):
        network.invite_staff(employer, "Known@Example.org", sender, lambda token: "/t/" + token)
    with translation.override("en"):
        network.invite_staff(employer, "new@example.org", sender, lambda token: "/t/" + token)
    assert sent_to("known@example.org")[0].subject.startswith("Invitation to join Twentse")
    assert sent_to("new@example.org")[0].subject.startswith("Uitnodiging om namens Twentse")


def test_renewal_reminders_go_to_each_staff_member_in_their_own_language(db):
    employer = make_employer(name="Bijna")
    dutch = make_staff(employer, email="nl@example.org", preferred_language="nl")
    make_staff(employer, email="en@example.org", preferred_language="en")
    network.sign_pledge(
        employer,
        commitments={"yearly_scan": True},
        public_listing=False,
        signed_by=dutch,
        start_date=datetime.date(2025, 12, 20),
    )
    with translation.override("en"):
        assert network.send_renewal_reminders(days=30, today=datetime.date(2026, 11, 30)) == 1
    [english] = sent_to("en@example.org")
    [in_dutch] = sent_to("nl@example.org")
    assert english.subject.startswith("Renew your iKBiNDR pledge") and english.to == [
        "en@example.org"
    ]
    assert in_dutch.subject.startswith("Verleng uw iKBiNDR-belofte")


def test_a_scan_invitation_is_dutch_whatever_language_the_employer_works_in(db):
    employer = make_employer(name="Zorg Oost")
    scan = Scan.objects.create(
        organisation=employer, questionnaire=questionnaire(), started_by=make_staff(employer)
    )
    with translation.override("en"):
        scan_services.invite_employees(scan, ["medewerker@example.org"], 0, lambda t: "/s/" + t)
    [message] = sent_to("medewerker@example.org")
    assert message.subject == "Zorg Oost vraagt uw mening: de scan sociale innovatie"
