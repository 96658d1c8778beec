"""Codes for what the system writes into plan and cheque histories (`core.coded`): stored as
codes, shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded

FUNDED_FROM_WAITING_LIST = coded.define(
    "plan.funded_from_waiting_list", _("Funded from the waiting list.")
)
COURSE_STARTED = coded.define("plan.course_started", _("A course started."))
NOT_BOOKED_IN_TIME = coded.define(
    "cheque.not_booked_in_time", _("Not booked within the validity period.")
)
