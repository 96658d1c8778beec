"""On PostgreSQL, racing requests never pay twice or over-invoice a cheque."""

import threading

import pytest
from django.conf import settings as django_settings
from django.db import connections

from tests.delivery.conftest import DeliveryWorld
from vakmanschap.delivery import invoicing, payments
from vakmanschap.delivery.models import Invoice
from vakmanschap.delivery.services import DeliveryError

WORKERS = 6


def _race(target):
    start = threading.Barrier(WORKERS)
    outcomes = []

    def worker(n):
        try:
            start.wait()
            outcomes.append(target(n))
        except DeliveryError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def pg_world(postgres_only, transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return DeliveryWorld()


@pytest.mark.django_db(transaction=True)
def test_a_batch_marked_paid_by_racing_requests_pays_once(pg_world):
    world = pg_world
    world.approved_invoice(world.completed())
    batch = payments.create_batch(by=world.finance)
    outcomes = _race(lambda n: payments.mark_batch_paid(batch, by=world.finance))
    assert outcomes.count(True) == 1 and outcomes.count(False) == WORKERS - 1
    assert world.balances().paid == 200_000


@pytest.mark.django_db(transaction=True)
def test_racing_invoices_never_exceed_what_is_held(pg_world):
    world = pg_world
    cheque = world.started()
    outcomes = _race(
        lambda n: invoicing.submit_invoice(
            cheque, by=world.provider_user, number=f"R-{n}", amount_cents=150_000
        )
    )
    assert Invoice.objects.filter(cheque=cheque).count() == 1
    assert outcomes.count("refused") == WORKERS - 1
    assert django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
