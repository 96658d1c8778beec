import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.delivery import invoicing, services
from vakmanschap.funding import ledger
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import Cheque, RecognisedProvider
from vakmanschap.funding.plans import approve, submit

BIRTH = datetime.date(1990, 5, 17)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
IBAN_A = "NL91ABNA0417164300"
IBAN_B = "NL20INGB0001234567"
_names = itertools.count(1)


def pdf(name="certificaat.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class DeliveryWorld(FundWorld):
    """FundWorld plus finance officers, provider bank accounts and cheque helpers."""

    def __init__(self):
        super().__init__()
        ledger.post(self.period.pk, "allocate", 100_000_000)
        self.finance = user_with_role(Role.FINANCE_OFFICER)
        self.finance2 = user_with_role(Role.FINANCE_OFFICER)
        RecognisedProvider.objects.filter(provider=self.provider).update(iban=IBAN_A)
        RecognisedProvider.objects.filter(provider=self.other_provider).update(iban=IBAN_B)

    def user_of(self, provider):
        return self.provider_user if provider == self.provider else self.other_provider_user

    def booked(self, provider=None):
        """A cheque booked (redeemed) by `provider` (default: provider A)."""
        provider = provider or self.provider
        course = self.course if provider == self.provider else self.course_b
        n = next(_names)
        participant = self.participant(family_name=f"Deelnemer {n}", email=f"p{n}@example.org")
        plan = self.plan(participant=participant, courses=[course])
        submit(plan, by=self.advisor)
        ((_, code),) = approve(plan, by=self.fund_officer).codes.items()
        return redeem(provider=provider, user=self.user_of(provider), code=code, birth_date=BIRTH)

    def started(self, provider=None):
        """A cheque whose course started yesterday (issued the day before), so that it can be
        completed today: a course is never completed on its start date."""
        cheque = self.issued_days_ago(self.booked(provider))
        return services.declare_start(
            cheque,
            by=self.user_of(cheque.provider),
            start_date=timezone.localdate() - datetime.timedelta(days=1),
        )

    @staticmethod
    def issued_days_ago(cheque, days=2):
        """The cheque as if it had been issued `days` ago (so its course can start earlier)."""
        Cheque.objects.filter(pk=cheque.pk).update(
            issued_at=timezone.now() - datetime.timedelta(days=days)
        )
        cheque.refresh_from_db()
        return cheque

    def completed(self, provider=None, percent=100, reason=""):
        cheque = self.started(provider)
        return services.complete(
            cheque,
            by=self.user_of(cheque.provider),
            certificate=pdf(),
            percent=percent,
            reason=reason,
        )

    def approved_invoice(self, cheque, amount=None, number=None, is_final=True):
        invoice = invoicing.submit_invoice(
            cheque,
            by=self.user_of(cheque.provider),
            number=number or f"F-{next(_names)}",
            amount_cents=amount or cheque.amount_cents,
            is_final=is_final,
        )
        invoicing.check_invoice(invoice, by=self.fund_officer)
        return invoicing.approve_invoice(invoice, by=self.finance)

    def balances(self, cheque=None):
        if cheque is None:
            return ledger.balances(self.period.pk)
        return ledger.cheque_balances(self.period.pk, cheque.pk)


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return DeliveryWorld()
