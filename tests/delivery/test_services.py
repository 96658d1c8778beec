import datetime
import os

import pytest
from django.utils import timezone, translation

from tests.delivery.conftest import pdf
from vakmanschap.delivery import services
from vakmanschap.delivery.models import ChequeDelivery
from vakmanschap.delivery.services import CERTIFICATE_MAX_BYTES, DeliveryError
from vakmanschap.funding.models import Cheque, ChequeState, PlanState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_confirm_booking_sets_start_and_planned_end(world):
    cheque = world.booked()
    start = timezone.localdate() + datetime.timedelta(days=14)
    services.confirm_booking(cheque, by=world.provider_user, start_date=start)
    cheque = Cheque.objects.get(pk=cheque.pk)
    delivery = ChequeDelivery.objects.get(cheque=cheque)
    assert cheque.start_date == start and delivery.booking_confirmed
    # The course lasts 6 months (factory default).
    assert delivery.planned_end.month == (start.month + 6 - 1) % 12 + 1


def test_start_moves_reserve_to_commit_and_plan_to_in_training(world):
    cheque = world.booked()
    before = world.balances()
    assert world.balances(cheque).reserved == cheque.amount_cents
    services.declare_start(cheque, by=world.provider_user, start_date=timezone.localdate())
    cheque = Cheque.objects.select_related("plan").get(pk=cheque.pk)
    assert cheque.state == ChequeState.STARTED
    assert cheque.plan.state == PlanState.IN_TRAINING
    b = world.balances(cheque)
    assert (b.reserved, b.committed, b.paid) == (0, cheque.amount_cents, 0)
    after = world.balances()
    assert after.available == before.available  # moving buckets never frees or uses money
    assert after.committed - before.committed == cheque.amount_cents


def test_start_cannot_be_declared_before_the_start_date(world):
    cheque = world.booked()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DeliveryError) as error:
        services.declare_start(cheque, by=world.provider_user, start_date=tomorrow)
    assert error.value.field == "start_date"
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.BOOKED
    assert world.balances(cheque).committed == 0


def test_start_twice_is_refused_and_commits_once(world):
    cheque = world.started()
    with pytest.raises(DeliveryError):
        services.declare_start(cheque, by=world.provider_user)
    assert world.balances(cheque).committed == cheque.amount_cents


def test_completion_stores_the_pdf_under_a_random_name(world, settings):
    cheque = world.started()
    services.complete(
        cheque, by=world.provider_user, certificate=pdf("Mijn diploma.pdf"), percent=95
    )
    cheque = Cheque.objects.get(pk=cheque.pk)
    assert cheque.state == ChequeState.COMPLETED and cheque.attendance_percent == 95
    name = os.path.basename(cheque.certificate.name)
    assert "diploma" not in name.lower() and len(name) == 36 and name.endswith(".pdf")
    assert cheque.certificate.path.startswith(str(settings.MEDIA_ROOT))
    assert cheque.plan.state == PlanState.COMPLETED


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf("diploma.pdf", b"MZ\x90\x00 not a pdf"), "PDF"),
        (pdf("diploma.exe", b"%PDF-1.4 looks like a pdf"), "PDF"),
        (pdf("diploma.pdf", b"%PDF-" + b"0" * CERTIFICATE_MAX_BYTES), "5 MB"),
        (None, "certificate"),
    ],
)
def test_certificate_type_and_size_limits(world, settings, upload, message):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        services.complete(cheque, by=world.provider_user, certificate=upload, percent=90)
    assert error.value.field == "certificate" and message in error.value.message
    cheque = Cheque.objects.get(pk=cheque.pk)
    assert cheque.state == ChequeState.STARTED and not cheque.certificate
    stored = settings.MEDIA_ROOT / "certificates"
    assert not stored.exists() or not any(stored.rglob("*.pdf"))


def test_a_failure_after_the_file_was_written_leaves_no_file(world, settings, monkeypatch):
    cheque = world.started()

    def boom(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(services.plans, "settle", boom)
    with pytest.raises(RuntimeError):
        services.complete(cheque, by=world.provider_user, certificate=pdf(), percent=90)
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.STARTED
    assert not any((settings.MEDIA_ROOT / "certificates").rglob("*.pdf"))


def test_completion_needs_attendance(world):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        services.complete(cheque, by=world.provider_user, certificate=pdf())
    assert error.value.field == "percent"


@pytest.mark.parametrize("percent", [-1, 101, None, "80"])
def test_attendance_is_a_whole_percentage(world, percent):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        services.record_attendance(cheque, by=world.provider_user, percent=percent)
    assert error.value.field == "percent"
    assert Cheque.objects.get(pk=cheque.pk).attendance_percent is None


def test_drop_out_needs_a_reason(world):
    cheque = world.started()
    with pytest.raises(DeliveryError) as error:
        services.drop_out(cheque, by=world.provider_user, reason="   ")
    assert error.value.field == "reason"
    assert Cheque.objects.get(pk=cheque.pk).state == ChequeState.STARTED


def test_drop_out_before_the_start_releases_the_reservation(world):
    cheque = world.booked()
    before = world.balances()
    services.drop_out(cheque, by=world.provider_user, reason="Verhuisd")
    cheque = Cheque.objects.select_related("plan").get(pk=cheque.pk)
    assert cheque.state == ChequeState.DROPPED_OUT and cheque.drop_out_reason == "Verhuisd"
    assert world.balances(cheque).reserved == 0
    assert world.balances().available == before.available + cheque.amount_cents
    assert cheque.plan.state == PlanState.DROPPED_OUT


def test_drop_out_after_the_start_keeps_the_commitment_for_the_closing_invoice(world):
    cheque = world.started()
    services.drop_out(cheque, by=world.provider_user, reason="Ziek")
    assert world.balances(cheque).committed == cheque.amount_cents
