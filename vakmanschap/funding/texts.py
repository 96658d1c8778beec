"""Codes for what the system writes into plan and cheque histories and into the ledger's reasons
(`core.coded`): stored as codes, shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded

FUNDED_FROM_WAITING_LIST = coded.define(
    "plan.funded_from_waiting_list", _("Funded from the waiting list.")
)
COURSE_STARTED = coded.define("plan.course_started", _("A course started."))
NOT_BOOKED_IN_TIME = coded.define(
    "cheque.not_booked_in_time", _("Not booked within the validity period.")
)
NO_CHEQUE_LEFT_RUNNING = coded.define("plan.no_cheque_left_running", _("No cheque left running."))
QUEUED_FOR_BUDGET = coded.define("plan.queued_for_budget", _("Not enough budget; queued."))
NO_LONGER_ELIGIBLE_IN_QUEUE = coded.define(
    "plan.no_longer_eligible_in_queue",
    _(
        "Taken off the waiting list: when money came free the plan no longer met the scheme's "
        "rules. A fund officer decides again."
    ),
)

# The ledger's reasons (`LedgerEntry.reason_code` with `reason_params`).
LEDGER_PLAN_APPROVED = coded.define("ledger.plan_approved", _("Plan approved"))
LEDGER_COURSE_STARTED = coded.define("ledger.course_started", _("Course started"))
LEDGER_COMMITTED_FOR_PAYMENT = coded.define(
    "ledger.committed_for_payment", _("Committed for payment")
)
LEDGER_INVOICE_PAID = coded.define("ledger.invoice_paid", _("Invoice %(number)s"))
LEDGER_CHEQUE_SETTLED = coded.define("ledger.cheque_settled", _("Cheque settled"))
LEDGER_RECOVERY_RECEIVED = coded.define("ledger.recovery_received", _("Recovery received"))
LEDGER_CHEQUE_EXPIRED = coded.define("ledger.cheque_expired", _("Cheque expired"))
# `reason` is the fund officer's own words, shown as typed.
LEDGER_CHEQUE_CANCELLED = coded.define("ledger.cheque_cancelled", _("Cheque cancelled: %(reason)s"))
LEDGER_DROPPED_OUT_BEFORE_START = coded.define(
    "ledger.dropped_out_before_start", _("Dropped out before the start")
)
LEDGER_ALLOCATED_THROUGH_API = coded.define(
    "ledger.allocated_through_api", _("Allocated through the API")
)
LEDGER_EMPLOYER_CO_FINANCING = coded.define(
    "ledger.employer_co_financing",
    _("Employer co-financing by %(employer)s for nomination %(nomination)s"),
)
