import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, user_with_role
from vakmanschap.accounts.models import Membership
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.funding.models import Cheque, PlanCourse, RecognisedProvider, TrainingPlan
from vakmanschap.organisations.models import Organisation
from vakmanschap.oversight import checks
from vakmanschap.people.models import DuplicateCandidate, Participant
from vakmanschap.people.services import reject_duplicate

_codes = itertools.count()


def finished_plan_cheque(
    fund, participant, course, *, state="completed", attendance=None, issued_at=None
):
    """A cheque straight in the state a test needs (its plan is completed, so not open)."""
    plan = TrainingPlan.objects.create(
        participant=participant,
        author=fund.advisor,
        scheme=fund.scheme,
        funding_period=fund.period,
        target_occupation=fund.nurse,
        justification="x",
        total_cents=course.price_cents,
        fund_amount_cents=course.price_cents,
        state="completed",
        application_date=timezone.localdate(),
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
    )
    plan_course = PlanCourse.objects.create(
        plan=plan,
        course=course,
        price_cents=course.price_cents,
        fund_amount_cents=course.price_cents,
    )
    n = next(_codes)
    cheque = Cheque.objects.create(
        plan_course=plan_course,
        plan=plan,
        provider_id=course.provider_id,
        code_hash=f"hash-{n}",
        code_last4=f"{n:04d}"[-4:],
        amount_cents=course.price_cents,
        valid_until=timezone.now() + datetime.timedelta(days=180),
        state=state,
        attendance_percent=attendance if attendance is not None or state != "completed" else 100,
        booked_at=timezone.now(),
        start_date=timezone.localdate(),
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    if issued_at is not None:
        Cheque.objects.filter(pk=cheque.pk).update(issued_at=issued_at)
    return cheque


# 1. Course bursts -------------------------------------------------------------------------


def test_a_rush_on_one_course_is_flagged(fund, settings):
    settings.OVERSIGHT_BURST_CHEQUES, settings.OVERSIGHT_BURST_DAYS = 5, 7
    person = fund.participant()
    for _ in range(5):
        finished_plan_cheque(fund, person, fund.course)
    for _ in range(4):  # under the threshold
        finished_plan_cheque(fund, person, fund.course_b)
    old = timezone.now() - datetime.timedelta(days=30)
    for _ in range(5):  # many, but spread out: outside the window
        finished_plan_cheque(fund, person, fund.course_b, issued_at=old)
    flags = checks.course_bursts()
    assert len(flags) == 1
    assert "Verzorgende IG" in flags[0].text and "5" in flags[0].text
    assert flags[0].explanation


def test_normal_issuing_is_not_flagged(fund):
    person = fund.participant()
    for _ in range(3):
        finished_plan_cheque(fund, person, fund.course)
    assert checks.course_bursts() == []


# 2. Provider outliers -----------------------------------------------------------------------


def providers(fund, n, start=0):
    result = []
    for i in range(start, start + n):
        org = Organisation.objects.create(name=f"Opleider {i}", kind=OrganisationKind.PROVIDER)
        result.append(CourseFactory(provider=org, title=f"Cursus {i}"))
    return result


def test_robust_scores():
    assert checks.robust_scores({1: 60, 2: 62}) == {}  # too few providers
    assert checks.robust_scores({1: 70, 2: 70, 3: 70}) == {}  # nobody stands out
    scores = checks.robust_scores({1: 60, 2: 65, 3: 70, 4: 62, 5: 100})
    assert max(scores, key=lambda k: abs(scores[k])) == 5 and scores[5] > 3.5


def test_a_provider_that_completes_everyone_is_flagged(fund, settings):
    settings.OVERSIGHT_MIN_CHEQUES = 10
    person = fund.participant()
    courses = providers(fund, 5)
    completed = [13, 14, 13, 14, 20]  # of 20 finished cheques each: 65–70%, and 100%
    for course, done in zip(courses, completed, strict=True):
        for i in range(20):
            state = "completed" if i < done else "dropped_out"
            finished_plan_cheque(fund, person, course, state=state)
    flags = checks.provider_outliers()
    assert len(flags) == 1 and "Opleider 4" in flags[0].text
    assert "100%" in flags[0].text


def test_attendance_outliers_and_the_minimum_number_of_cheques(fund, settings):
    settings.OVERSIGHT_MIN_CHEQUES = 10
    person = fund.participant()
    courses = providers(fund, 5)
    for course, attendance in zip(courses, [85, 88, 90, 86, 30], strict=True):
        for _ in range(10):
            finished_plan_cheque(fund, person, course, attendance=attendance)
    tiny = providers(fund, 1, start=5)[0]  # wild figures, but too few cheques to judge
    for _ in range(3):
        finished_plan_cheque(fund, person, tiny, attendance=5, state="dropped_out")
    flags = checks.provider_outliers()
    texts = " ".join(f.text for f in flags)
    assert "Opleider 4" in texts and "Opleider 5" not in texts


def test_ordinary_providers_are_not_flagged(fund, settings):
    settings.OVERSIGHT_MIN_CHEQUES = 10
    person = fund.participant()
    for course, done in zip(providers(fund, 4), [6, 7, 8, 7], strict=True):
        for i in range(10):
            finished_plan_cheque(
                fund,
                person,
                course,
                state="completed" if i < done else "dropped_out",
                attendance=80 + done,
            )
    assert checks.provider_outliers() == []


# 3. Shared IBANs ------------------------------------------------------------------------------


def test_one_iban_on_several_providers_is_flagged(fund):
    RecognisedProvider.objects.filter(provider=fund.provider).update(iban="NL91ABNA0417164300")
    RecognisedProvider.objects.filter(provider=fund.other_provider).update(
        iban="nl91 abna 0417 1643 00"
    )
    third = Organisation.objects.create(name="Derde", kind=OrganisationKind.PROVIDER)
    RecognisedProvider.objects.create(
        provider=third, recognised_since=datetime.date(2020, 1, 1), iban="NL02RABO0123456789"
    )
    [flag] = checks.shared_ibans()
    assert "NL91ABNA0417164300" in flag.text
    assert "Zorgacademie" in flag.text and "Techniek BV" in flag.text and "Derde" not in flag.text


def test_distinct_or_missing_ibans_are_not_flagged(fund):
    RecognisedProvider.objects.filter(provider=fund.provider).update(iban="NL91ABNA0417164300")
    assert checks.shared_ibans() == []  # the other has none


# 4. Duplicates --------------------------------------------------------------------------------


def test_open_duplicates_are_flagged_and_decided_ones_are_not(fund):
    fund.participant()
    fund.participant()  # same name, birth date and postcode
    [flag] = checks.duplicate_participants()
    assert "same name" in flag.explanation or "dezelfde naam" in flag.explanation
    reject_duplicate(DuplicateCandidate.objects.get(), by=fund.advisor)
    assert checks.duplicate_participants() == []


# 5. Provider is the employer --------------------------------------------------------------------


def test_a_plan_with_the_employer_as_provider_is_flagged(fund):
    worker = fund.participant()
    user = user_with_role(Role.PARTICIPANT)
    Participant.objects.filter(pk=worker.pk).update(user=user)
    employer = Organisation.objects.create(name="Zorgacademie", kind=OrganisationKind.EMPLOYER)
    Membership.objects.create(user=user, role=Role.EMPLOYER_STAFF, organisation=employer)
    plan = fund.plan(participant=worker)
    [flag] = checks.employer_is_provider()
    assert f"#{plan.pk}" in flag.text and "Zorgacademie" in flag.text


def test_current_job_at_the_provider_is_flagged(fund):
    worker = fund.participant(current_job="Helpende bij Techniek BV")
    plan = fund.plan(participant=worker, courses=[fund.course_b])
    [flag] = checks.employer_is_provider()
    assert f"#{plan.pk}" in flag.text


def test_an_unrelated_employer_is_not_flagged(fund):
    worker = fund.participant(current_job="Schoonmaker bij Gemeente")
    user = user_with_role(Role.PARTICIPANT)
    Participant.objects.filter(pk=worker.pk).update(user=user)
    employer = Organisation.objects.create(name="Bakkerij", kind=OrganisationKind.EMPLOYER)
    Membership.objects.create(user=user, role=Role.EMPLOYER_STAFF, organisation=employer)
    fund.plan(participant=worker)
    assert checks.employer_is_provider() == []


# The dashboard -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.FUND_OFFICER, 200),
        (Role.FINANCE_OFFICER, 403),
        (Role.ADVISOR, 403),
        (Role.PROVIDER_STAFF, 403),
        (Role.EMPLOYER_STAFF, 403),
        (Role.PARTICIPANT, 403),
        (Role.MONITOR, 403),
    ],
)
def test_role_against_the_dashboard(client, db, role, status):
    client.force_login(user_with_role(role))
    assert client.get(reverse("oversight:dashboard")).status_code == status


def test_the_dashboard_lists_each_signal_with_its_explanation(client, fund):
    fund.participant()
    fund.participant()
    client.force_login(fund.fund_officer)
    response = client.get("/oversight/")
    body = response.content.decode()
    assert [s.key for s in response.context["signals"]] == [
        "course_bursts",
        "provider_outliers",
        "shared_ibans",
        "duplicates",
        "employer_is_provider",
    ]
    assert "Waarschijnlijk dubbele deelnemers" in body
    assert "nog niet besloten door een adviseur" in body
